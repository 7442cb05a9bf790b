<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>CallChecklistPanel</name>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+%1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong inside CallAssist. Your notes are saved as you type; please report this with the details below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any format: +39 055 1234567, 0551234567…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ompany:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndCallBar</name>
    <message>
        <source>End the call: how did it go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up &amp;by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved is the default; press Enter to end the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the customer will hear from us again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the call running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>OVERDUE since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>steps %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>follow-up by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback from %1%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MethodDialog</name>
    <message>
        <source>CallAssist — the method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The method: steps, situations and pitfalls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperatorWindow</name>
    <message numerus="yes">
        <source>%n customer(s) found; Enter opens the first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No match: Enter creates a new customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this call first: choose the outcome and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer open. Search above, or press Enter to create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue follow-up, promised for %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up promised for %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export customer data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase %1 and every call, note and feedback about them? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or create a customer first (Ctrl+F).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call started with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the call notes here; they save themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a call (Ctrl+Return) to take notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a call first (Ctrl+Return).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked: %1, minute %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unticked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the call: choose the outcome, Enter to confirm, Escape to go back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet: %1. Your text is safe here; retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving failed; your text is kept and will be retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved again. Nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes saved at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups waiting: %1 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: name, phone, email or company (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name, phone number, email or company. Enter opens the top match, or creates a new customer from what you typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the selected customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers still waiting for news, overdue first. Enter opens the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as &amp;done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected follow-up as done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit customer details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut: F2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pinned facts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+Return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+E.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Situation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag what kind of call this is to see tips. Shortcut: Ctrl+K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved automatically as you type. Shortcut: Ctrl+N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry saving now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier &amp;calls:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first, with notes and supervisor feedback. Shortcut: Ctrl+H.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tips for this situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep on top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The method: situations and pitfalls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review calls…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export customer data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to earlier calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up marked as done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep on top: on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep on top: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This part of CallAssist is not available in this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is not accepting writes right now, so your latest notes are not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to a file and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the window open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your notes were written to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>CallAssist — settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the method&apos;s own checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded on every call you take.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A team&apos;s own checklist in TOML; used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for a checklist file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Checklist file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new checklist file takes effect the next time CallAssist starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a checklist file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainerWindow</name>
    <message>
        <source>CallAssist trainer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presenter mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave presenter mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trainee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the trainee&apos;s name; it is remembered for next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language of the calls:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sample calls:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a sample call; Enter starts it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open a sample-call file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a sample-call file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk through a sample call written by you (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the walkthrough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary of the sample call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript of the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback on your answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticks itself as the call hits the steps of the method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the next turn of the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the walkthrough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list of sample calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answers are hidden: press R to reveal them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the same call again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;nother call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another sample call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the history of scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry saving the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainee whose history is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Progress per sample call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress per sample call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last played</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All trainees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainees could not be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sample call could not be loaded:
{problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a sample call first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample calls (*.toml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be used:
{problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainee could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the trainee&apos;s name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walkthrough started: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator (your answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer {number}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speaker}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an answer with 1 to {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step ticked: {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn {n} of {total} · score {score} of {max}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an answer: press 1 to {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press R to reveal the answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Space to see the score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Space or → to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right, at the second attempt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step: {step}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an answer first: press 1 to {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers shown: choose with 1 to {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score: {score} of {max}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed: {steps}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No step missed: every decision right at the first try.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The result could not be saved ({reason}); it is kept here: retry when the database is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved for {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presenter mode on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presenter mode off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
