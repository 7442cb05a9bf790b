<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="it_IT">
<context>
    <name />
    <message>
        <source>permission denied</source>
        <translation>permesso negato</translation>
    </message>
    <message>
        <source>the database is locked: another program is writing to it</source>
        <translation>il database è bloccato: un altro programma ci sta scrivendo</translation>
    </message>
    <message>
        <source>the database is locked by another program</source>
        <translation>il database è bloccato da un altro programma</translation>
    </message>
    <message>
        <source>the computer is out of memory</source>
        <translation>il computer ha esaurito la memoria</translation>
    </message>
    <message>
        <source>the database is read-only</source>
        <translation>il database è in sola lettura</translation>
    </message>
    <message>
        <source>the disk could not be read or written</source>
        <translation>non è stato possibile leggere o scrivere sul disco</translation>
    </message>
    <message>
        <source>the database file is damaged</source>
        <translation>il file del database è danneggiato</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>il disco è pieno</translation>
    </message>
    <message>
        <source>the database file cannot be opened</source>
        <translation>non è possibile aprire il file del database</translation>
    </message>
    <message>
        <source>the file lock protocol failed</source>
        <translation>il blocco del file non ha funzionato</translation>
    </message>
    <message>
        <source>the file system cannot hold a database this large</source>
        <translation>il file system non può contenere un database così grande</translation>
    </message>
    <message>
        <source>the file is not a CallAssist database (or it is damaged)</source>
        <translation>il file non è un database di CallAssist (oppure è danneggiato)</translation>
    </message>
    <message>
        <source>the connection to the database server was lost</source>
        <translation>la connessione al server del database si è interrotta</translation>
    </message>
    <message>
        <source>the database server is out of resources</source>
        <translation>il server del database ha esaurito le risorse</translation>
    </message>
    <message>
        <source>the database server is shutting down or restarting</source>
        <translation>il server del database si sta spegnendo o riavviando</translation>
    </message>
    <message>
        <source>the database server had a system error</source>
        <translation>il server del database ha avuto un errore di sistema</translation>
    </message>
    <message>
        <source>the database was busy with another change; try again</source>
        <translation>il database era occupato con un'altra modifica: riprova</translation>
    </message>
    <message>
        <source>the database server cancelled the request (it took too long)</source>
        <translation>il server del database ha annullato la richiesta (ci metteva troppo)</translation>
    </message>
    <message>
        <source>the database is damaged</source>
        <translation>il database è danneggiato</translation>
    </message>
    <message>
        <source>the database server refused: your account does not have the right to do this</source>
        <translation>il server del database ha rifiutato: il tuo account non ha il diritto di farlo</translation>
    </message>
    <message>
        <source>The database file %1 is empty (0 bytes): it was not opened and was left as it is. Restore a backup (callassist restore BACKUP), or move the file away to start a new database.</source>
        <translation>Il file del database %1 è vuoto (0 byte): non è stato aperto ed è rimasto com'era. Ripristina un backup (callassist restore BACKUP), oppure sposta il file altrove per iniziare un nuovo database.</translation>
    </message>
    <message>
        <source>The file %1 is not a database: it was not opened and was left as it is. Choose another file, or move it away to start a new database.</source>
        <translation>Il file %1 non è un database: non è stato aperto ed è rimasto com'era. Scegli un altro file, oppure spostalo altrove per iniziare un nuovo database.</translation>
    </message>
    <message>
        <source>The database file %1 is damaged: nothing was written to it. Restore a backup (callassist restore BACKUP).</source>
        <translation>Il file del database %1 è danneggiato: non vi è stato scritto nulla. Ripristina un backup (callassist restore BACKUP).</translation>
    </message>
    <message>
        <source>The backup %1 was restored.</source>
        <translation>Il backup %1 è stato ripristinato.</translation>
    </message>
    <message>
        <source>Opened read-only: nothing is written to the damaged file. What you type is kept in a rescue file when you close.</source>
        <translation>Aperto in sola lettura: nel file danneggiato non viene scritto nulla. Quello che scrivi viene conservato in un file di salvataggio alla chiusura.</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Sola lettura</translation>
    </message>
    <message>
        <source>Read-only: the damaged database file is not written to</source>
        <translation>Sola lettura: nel file del database danneggiato non si scrive</translation>
    </message>
    <message>
        <source>CallAssist could not start.</source>
        <translation>CallAssist non è riuscito ad avviarsi.</translation>
    </message>
    <message>
        <source>Today's backup of the database could not be made: %1</source>
        <translation>Non è stato possibile fare il backup di oggi del database: %1</translation>
    </message>
    <message>
        <source>Warning: the database %1 is on a network drive (%2). Network drives can damage a database used this way: keep it on this computer's disk, or use team mode with a database server.</source>
        <translation>Attenzione: il database %1 si trova su un'unità di rete (%2). Usato così, su un'unità di rete il database si può danneggiare: tienilo sul disco di questo computer, oppure usa la modalità squadra con un server di database.</translation>
    </message>
</context>
<context>
    <name>CallChecklistPanel</name>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>Passo %1: %2</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+%1.</source>
        <translation>Scorciatoia: Ctrl+%1.</translation>
    </message>
</context>
<context>
    <name>CallDetailPanel</name>
    <message>
        <source>Call notes</source>
        <translation>Note della chiamata</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Checklist timeline</source>
        <translation>Cronologia della checklist</translation>
    </message>
    <message>
        <source>Each step with the minute it was ticked, or missed</source>
        <translation>Ogni passo con il minuto in cui è stato spuntato, oppure saltato</translation>
    </message>
    <message>
        <source>Check&amp;list timeline</source>
        <translation>Cronologia della chec&amp;klist</translation>
    </message>
    <message>
        <source>Situations flagged</source>
        <translation>Situazioni segnalate</translation>
    </message>
    <message>
        <source>Feedback on this call</source>
        <translation>Feedback su questa chiamata</translation>
    </message>
    <message>
        <source>Feedback the operator will see in the customer's history</source>
        <translation>Feedback che l'operatore vedrà nello storico del cliente</translation>
    </message>
    <message>
        <source>New feedback</source>
        <translation>Nuovo feedback</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>Nessun voto</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 su 5</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Voto</translation>
    </message>
    <message>
        <source>Optional rating from 1 to 5</source>
        <translation>Voto facoltativo da 1 a 5</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmato da</translation>
    </message>
    <message>
        <source>Save feedback</source>
        <translation>Salva feedback</translation>
    </message>
    <message>
        <source>Save feedback (Ctrl+S)</source>
        <translation>Salva feedback (Ctrl+S)</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Feedbac&amp;k</source>
        <translation>&amp;Feedback</translation>
    </message>
    <message>
        <source>R&amp;ating:</source>
        <translation>Vo&amp;to:</translation>
    </message>
    <message>
        <source>Si&amp;gned by:</source>
        <translation>Fir&amp;mato da:</translation>
    </message>
    <message>
        <source>Select a call to see its notes, checklist and feedback.</source>
        <translation>Seleziona una chiamata per vederne note, checklist e feedback.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(senza nome)</translation>
    </message>
    <message>
        <source>talk time %1</source>
        <translation>conversazione %1</translation>
    </message>
    <message>
        <source>wrap-up %1</source>
        <translation>post-chiamata %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fatto</translation>
    </message>
    <message>
        <source>open</source>
        <translation>aperto</translation>
    </message>
    <message>
        <source>follow-up by %1 (%2)</source>
        <translation>ricontatto entro il %1 (%2)</translation>
    </message>
    <message>
        <source>(no notes)</source>
        <translation>(nessuna nota)</translation>
    </message>
    <message>
        <source>missed: %1</source>
        <translation>saltato: %1</translation>
    </message>
    <message>
        <source>minute %1 (%2): %3</source>
        <translation>minuto %1 (%2): %3</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuna</translation>
    </message>
    <message>
        <source>No feedback yet.</source>
        <translation>Ancora nessun feedback.</translation>
    </message>
    <message>
        <source>Write some feedback first.</source>
        <translation>Scrivi prima il feedback.</translation>
    </message>
    <message>
        <source>Feedback not saved: %1</source>
        <translation>Feedback non salvato: %1</translation>
    </message>
    <message>
        <source>Feedback saved; the operator will see it in the customer's history.</source>
        <translation>Feedback salvato: l'operatore lo vedrà nello storico del cliente.</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <source>Start call</source>
        <translation>Avvia chiamata</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+Return.</source>
        <translation>Scorciatoia: Ctrl+Invio.</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Termina chiamata</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+E.</source>
        <translation>Scorciatoia: Ctrl+E.</translation>
    </message>
    <message>
        <source>Call time</source>
        <translation>Durata della chiamata</translation>
    </message>
    <message>
        <source>&amp;Situation:</source>
        <translation>Si&amp;tuazione:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuna)</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>Situazione</translation>
    </message>
    <message>
        <source>Flag what kind of call this is to see tips. Shortcut: Ctrl+K.</source>
        <translation>Indica che tipo di chiamata è per vedere i consigli. Scorciatoia: Ctrl+K.</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Call notes</source>
        <translation>Note della chiamata</translation>
    </message>
    <message>
        <source>Saved automatically as you type. Shortcut: Ctrl+N.</source>
        <translation>Salvate automaticamente mentre scrivi. Scorciatoia: Ctrl+N.</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Riprova ora</translation>
    </message>
    <message>
        <source>Retry saving now</source>
        <translation>Riprova subito a salvare</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Stato del salvataggio</translation>
    </message>
    <message>
        <source>Tips for this situation</source>
        <translation>Consigli per questa situazione</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Promemoria</translation>
    </message>
    <message>
        <source>Type the call notes here; they save themselves.</source>
        <translation>Scrivi qui le note della chiamata: si salvano da sole.</translation>
    </message>
    <message>
        <source>Start a call (Ctrl+Return) to take notes.</source>
        <translation>Avvia una chiamata (Ctrl+Invio) per prendere note.</translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation>Chiamata terminata: %1</translation>
    </message>
    <message>
        <source>The call is over. Finish the notes; Ctrl+E chooses the outcome.</source>
        <translation>La chiamata è finita. Completa le note; Ctrl+E sceglie l'esito.</translation>
    </message>
    <message>
        <source>End the call: choose the outcome, Enter to confirm, Escape to go back.</source>
        <translation>Termina la chiamata: scegli l'esito, Invio per confermare, Esc per tornare indietro.</translation>
    </message>
    <message>
        <source>Ticked: %1, minute %2</source>
        <translation>Spuntato: %1, minuto %2</translation>
    </message>
    <message>
        <source>Unticked: %1</source>
        <translation>Tolta la spunta: %1</translation>
    </message>
    <message>
        <source>Outcome: %1. Finish the notes; Ctrl+E, then Enter, ends the call.</source>
        <translation>Esito: %1. Completa le note; Ctrl+E e poi Invio chiudono la chiamata.</translation>
    </message>
    <message>
        <source>Notes saved at %1</source>
        <translation>Note salvate alle %1</translation>
    </message>
    <message>
        <source>Offline: your notes are kept on this computer and sent when the server is back.</source>
        <translation>Non in linea: le note restano su questo computer e vengono inviate quando il server torna disponibile.</translation>
    </message>
    <message>
        <source>Not saved yet: %1. Your text is safe here; retrying…</source>
        <translation>Non ancora salvato: %1. Il testo resta qui al sicuro; nuovo tentativo…</translation>
    </message>
    <message>
        <source>Not saved: %1. Your text is safe here; Retry now tries again.</source>
        <translation>Non salvato: %1. Il tuo testo è al sicuro qui; Riprova ora tenta di nuovo.</translation>
    </message>
    <message>
        <source>Saving failed; your text is kept and will be retried.</source>
        <translation>Salvataggio non riuscito: il testo è conservato e il salvataggio verrà ritentato.</translation>
    </message>
    <message>
        <source>Saved again. Nothing was lost.</source>
        <translation>Salvato di nuovo. Non si è perso nulla.</translation>
    </message>
</context>
<context>
    <name>CallSession</name>
    <message>
        <source>Customer opened: %1</source>
        <translation>Cliente aperto: %1</translation>
    </message>
    <message>
        <source>The customer could not be created: %1</source>
        <translation>Impossibile creare il cliente: %1</translation>
    </message>
    <message>
        <source>New customer created: %1</source>
        <translation>Nuovo cliente creato: %1</translation>
    </message>
    <message>
        <source>The customer could not be saved: %1</source>
        <translation>Impossibile salvare il cliente: %1</translation>
    </message>
    <message>
        <source>Pinned facts of %1</source>
        <translation>Dati in evidenza di %1</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Esportazione non riuscita: %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Esportato in %1</translation>
    </message>
    <message>
        <source>Exporting the data of %1…</source>
        <translation>Esportazione dei dati di %1…</translation>
    </message>
    <message>
        <source>Customer erased: %1</source>
        <translation>Cliente cancellato: %1</translation>
    </message>
    <message>
        <source>Follow-up marked as done: %1</source>
        <translation>Ricontatto segnato come fatto: %1</translation>
    </message>
    <message>
        <source>Changes made earlier on this computer are being sent to the server.</source>
        <translation>Le modifiche fatte prima su questo computer vengono inviate al server.</translation>
    </message>
    <message>
        <source>This computer could not keep a copy of the change: %1</source>
        <translation>Questo computer non è riuscito a tenere una copia della modifica: %1</translation>
    </message>
    <message>
        <source>Erasing %1…</source>
        <translation>Cancellazione di %1…</translation>
    </message>
    <message>
        <source>Open or create a customer first (Ctrl+F).</source>
        <translation>Prima apri o crea un cliente (Ctrl+F).</translation>
    </message>
    <message>
        <source>The call could not be started: %1</source>
        <translation>Impossibile avviare la chiamata: %1</translation>
    </message>
    <message>
        <source>Call with %1, started %2</source>
        <translation>Chiamata con %1, iniziata il %2</translation>
    </message>
    <message>
        <source>Call started with %1</source>
        <translation>Chiamata avviata con %1</translation>
    </message>
    <message>
        <source>Start a call first (Ctrl+Return).</source>
        <translation>Prima avvia una chiamata (Ctrl+Invio).</translation>
    </message>
    <message>
        <source>End this call first: choose the outcome and press Enter.</source>
        <translation>Prima termina questa chiamata: scegli l'esito e premi Invio.</translation>
    </message>
    <message>
        <source>The erased customer's unsaved text could not be removed from the rescue files: %1</source>
        <translation>Il testo non salvato del cliente cancellato non è stato tolto dai file di recupero: %1</translation>
    </message>
    <message>
        <source>Incoming call with a withheld number; this call stays open.</source>
        <translation>Chiamata in arrivo da numero privato; questa chiamata resta aperta.</translation>
    </message>
    <message>
        <source>Incoming call: the number is withheld. Search for the caller (Ctrl+F).</source>
        <translation>Chiamata in arrivo da numero privato. Cerca il chiamante (Ctrl+F).</translation>
    </message>
    <message>
        <source>A call with %1 was answered, but a call is still open here: end it first (Ctrl+E).</source>
        <translation>È stata accettata una chiamata con %1, ma qui c'è ancora una chiamata aperta: prima terminala (Ctrl+E).</translation>
    </message>
    <message>
        <source>%1 hung up.</source>
        <translation>%1 ha riagganciato.</translation>
    </message>
    <message>
        <source>No caller is waiting.</source>
        <translation>Nessun chiamante in attesa.</translation>
    </message>
    <message>
        <source>%1 opens as soon as this call is closed.</source>
        <translation>La scheda di %1 si apre appena chiudi questa chiamata.</translation>
    </message>
    <message>
        <source>Incoming call from %1; the customer list could not be read: %2</source>
        <translation>Chiamata in arrivo da %1; impossibile leggere l'elenco clienti: %2</translation>
    </message>
    <message>
        <source>%1 is calling too; %2 is next.</source>
        <translation>Anche %1 sta chiamando; prima tocca a %2.</translation>
    </message>
    <message>
        <source>New caller %1 is calling; this call stays open. %2 opens them as soon as it is closed.</source>
        <translation>Nuovo chiamante in linea: %1. Questa chiamata resta aperta; %2 lo apre appena la chiudi.</translation>
    </message>
    <message>
        <source>%1 is calling; this call stays open. %2 opens them as soon as it is closed.</source>
        <translation>Sta chiamando %1. Questa chiamata resta aperta; %2 apre la sua scheda appena la chiudi.</translation>
    </message>
    <message>
        <source>New caller: %1. Start the call (Ctrl+Return) to add them as a customer, or type their name in the search.</source>
        <translation>Nuovo chiamante: %1. Avvia la chiamata (Ctrl+Invio) per aggiungerlo ai clienti, oppure scrivi il suo nome nella ricerca.</translation>
    </message>
    <message>
        <source>Incoming call from %1; the new customer could not be saved: %2</source>
        <translation>Chiamata in arrivo da %1; impossibile salvare il nuovo cliente: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n customers have the number %1: choose one and press Enter.</source>
        <translation>
            <numerusform>%n cliente ha il numero %1: sceglilo e premi Invio.</numerusform>
            <numerusform>%n clienti hanno il numero %1: scegline uno e premi Invio.</numerusform>
        </translation>
    </message>
    <message>
        <source>Calls older than %1 months deleted, as Settings asks: %2.</source>
        <translation>Chiamate più vecchie di %1 mesi cancellate, come chiesto nelle Impostazioni: %2.</translation>
    </message>
    <message>
        <source>%1 was not erased: %2</source>
        <translation>%1 non è stato cancellato: %2</translation>
    </message>
    <message>
        <source>this computer could not keep a copy of the change</source>
        <translation>questo computer non è riuscito a tenere una copia della modifica</translation>
    </message>
    <message>
        <source>%1 was erased on another desk. This call stays open, but nothing written in it is kept.</source>
        <translation>Cliente cancellato da un'altra postazione: %1. La chiamata resta aperta, ma nulla di ciò che ci scrivi verrà conservato.</translation>
    </message>
    <message>
        <source>%1 was erased on another desk and is no longer open here.</source>
        <translation>Cliente cancellato da un'altra postazione: %1. La sua scheda qui è stata chiusa.</translation>
    </message>
    <message>
        <source>The customers could not be merged: %1</source>
        <translation>Non è stato possibile unire i clienti: %1</translation>
    </message>
    <message>
        <source>Customers merged into one: %1</source>
        <translation>Clienti uniti in uno solo: %1</translation>
    </message>
    <message>
        <source>the file is damaged</source>
        <translation>il file è danneggiato</translation>
    </message>
    <message>
        <source>The rescued text could not be copied back: %1</source>
        <translation>Non è stato possibile ricopiare il testo recuperato: %1</translation>
    </message>
    <message>
        <source>The rescued text is back in the customers' records.</source>
        <translation>Il testo recuperato è di nuovo nelle schede dei clienti.</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Summary</source>
        <translation>Riepilogo</translation>
    </message>
    <message>
        <source>Adherence per step</source>
        <translation>Aderenza per passo</translation>
    </message>
    <message>
        <source>Steps followed by week</source>
        <translation>Passi seguiti per settimana</translation>
    </message>
    <message>
        <source>No one (team only)</source>
        <translation>Nessuno (solo il team)</translation>
    </message>
    <message>
        <source>Compare the team with</source>
        <translation>Confronta il team con</translation>
    </message>
    <message>
        <source>An operator drawn beside the team in the weekly chart</source>
        <translation>Un operatore tracciato accanto al team nel grafico settimanale</translation>
    </message>
    <message>
        <source>Compare the team &amp;with:</source>
        <translation>Confronta il tea&amp;m con:</translation>
    </message>
    <message>
        <source>Computing the charts…</source>
        <translation>Calcolo dei grafici…</translation>
    </message>
    <message>
        <source>The charts could not be computed: %1</source>
        <translation>Non è stato possibile calcolare i grafici: %1</translation>
    </message>
    <message>
        <source>%1 calls · average duration %2 · steps followed %3% · overdue follow-ups %4</source>
        <translation>Chiamate: %1 · durata media %2 · passi seguiti %3% · ricontatti in ritardo: %4</translation>
    </message>
    <message>
        <source>Adherence per step (%)</source>
        <translation>Aderenza per passo (%)</translation>
    </message>
    <message>
        <source>Steps followed (%)</source>
        <translation>Passi seguiti (%)</translation>
    </message>
    <message>
        <source>no calls</source>
        <translation>nessuna chiamata</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>Tutto il team</translation>
    </message>
    <message>
        <source>Steps followed by week (%): no calls</source>
        <translation>Passi seguiti per settimana (%): nessuna chiamata</translation>
    </message>
    <message>
        <source>Steps followed by week (%), %1 – %2</source>
        <translation>Passi seguiti per settimana (%), %1 – %2</translation>
    </message>
    <message>
        <source>%1: %2% in the week of %3</source>
        <translation>%1: %2% nella settimana del %3</translation>
    </message>
</context>
<context>
    <name>ClassAnswersModel</name>
    <message>
        <source>no answer</source>
        <translation>nessuna risposta</translation>
    </message>
    <message>
        <source>right</source>
        <translation>giusta</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>sbagliata</translation>
    </message>
    <message>
        <source>{name}: no answer yet</source>
        <translation>{name}: ancora nessuna risposta</translation>
    </message>
    <message>
        <source>{name}: answer {number}</source>
        <translation>{name}: risposta {number}</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Corsista</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Risposta</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Esito</translation>
    </message>
</context>
<context>
    <name>ClassExport</name>
    <message>
        <source>Trainee</source>
        <translation>Corsista</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessioni</translation>
    </message>
    <message>
        <source>First session</source>
        <translation>Prima sessione</translation>
    </message>
    <message>
        <source>Last session</source>
        <translation>Ultima sessione</translation>
    </message>
    <message>
        <source>Average score (%)</source>
        <translation>Punteggio medio (%)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Passo</translation>
    </message>
    <message>
        <source>Decisions offering the step</source>
        <translation>Decisioni che proponevano il passo</translation>
    </message>
    <message>
        <source>Decisions showing it</source>
        <translation>Decisioni in cui è stato mostrato</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>Quota (%)</translation>
    </message>
    <message>
        <source>Weakest step</source>
        <translation>Passo più debole</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>CallAssist — training progress</source>
        <translation>CallAssist — progressi della formazione</translation>
    </message>
    <message>
        <source>Generated %1</source>
        <translation>Generato il %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Pagina %1 di %2</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>Periodo: %1</translation>
    </message>
    <message>
        <source>all dates</source>
        <translation>tutte le date</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>dal %1</translation>
    </message>
    <message>
        <source>Sessions: %1</source>
        <translation>Sessioni: %1</translation>
    </message>
    <message>
        <source>Sessions: %1 (%2 – %3)</source>
        <translation>Sessioni: %1 (%2 – %3)</translation>
    </message>
    <message>
        <source>Average score: %1%</source>
        <translation>Punteggio medio: %1%</translation>
    </message>
    <message>
        <source>Weakest step: %1 (%2% of %3 decisions)</source>
        <translation>Passo più debole: %1 (%2% su %3 decisioni)</translation>
    </message>
    <message>
        <source>Weakest step: none yet</source>
        <translation>Passo più debole: nessuno per ora</translation>
    </message>
    <message>
        <source>Steps shown</source>
        <translation>Passi mostrati</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisioni</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Mostrato</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>Recent scores</source>
        <translation>Punteggi recenti</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Sample call</source>
        <translation>Chiamata di esempio</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punteggio</translation>
    </message>
    <message>
        <source>No sessions in this period.</source>
        <translation>Nessuna sessione in questo periodo.</translation>
    </message>
    <message>
        <source>No trainees yet.</source>
        <translation>Ancora nessun corsista.</translation>
    </message>
    <message>
        <source>Sessions saved before the choices were recorded are estimated from the steps they missed.</source>
        <translation>Per le sessioni salvate prima che si registrassero le scelte, i valori sono stimati dai passi saltati.</translation>
    </message>
</context>
<context>
    <name>ClassProgressModel</name>
    <message>
        <source>Trainee</source>
        <translation>Corsista</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessioni</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Punteggio medio</translation>
    </message>
    <message>
        <source>Weakest step</source>
        <translation>Passo più debole</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Quota</translation>
    </message>
</context>
<context>
    <name>ClassSessionPage</name>
    <message>
        <source>Trainee</source>
        <translation>Corsista</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punteggio</translation>
    </message>
    <message>
        <source>{score} of {max}</source>
        <translation>{score} su {max}</translation>
    </message>
    <message>
        <source>Steps shown</source>
        <translation>Passi mostrati</translation>
    </message>
    <message>
        <source>Steps missed</source>
        <translation>Passi mancati</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Passo</translation>
    </message>
    <message>
        <source>Shown by the class</source>
        <translation>Mostrato dalla classe</translation>
    </message>
    <message>
        <source>{shown} of {offered} ({share}%)</source>
        <translation>{shown} su {offered} ({share}%)</translation>
    </message>
    <message>
        <source>Sample call</source>
        <translation>Chiamata di esempio</translation>
    </message>
    <message>
        <source>Transcript of the call</source>
        <translation>Trascrizione della chiamata</translation>
    </message>
    <message>
        <source>Answers to choose from</source>
        <translation>Risposte tra cui scegliere</translation>
    </message>
    <message>
        <source>The right answer</source>
        <translation>La risposta giusta</translation>
    </message>
    <message>
        <source>&amp;Answers of the class:</source>
        <translation>&amp;Risposte della classe:</translation>
    </message>
    <message>
        <source>Answers of the class</source>
        <translation>Risposte della classe</translation>
    </message>
    <message>
        <source>Type 1 to 4 on a trainee's row to record the answer; Backspace clears it</source>
        <translation>Digita da 1 a 4 sulla riga di un corsista per registrarne la risposta; Backspace la cancella</translation>
    </message>
    <message>
        <source>Where the class is</source>
        <translation>A che punto è la classe</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>&amp;Interrompi</translation>
    </message>
    <message>
        <source>Stop the class session</source>
        <translation>Interrompi la sessione di classe</translation>
    </message>
    <message>
        <source>Back to the choice of call and trainees</source>
        <translation>Torna alla scelta della chiamata e dei corsisti</translation>
    </message>
    <message>
        <source>&amp;Right answer now (Ctrl+Return)</source>
        <translation>Risposta &amp;giusta subito (Ctrl+Invio)</translation>
    </message>
    <message>
        <source>Show the right answer now</source>
        <translation>Mostra subito la risposta giusta</translation>
    </message>
    <message>
        <source>Trainees without an answer count as missing this decision</source>
        <translation>Chi non ha risposto conta come decisione mancata</translation>
    </message>
    <message>
        <source>&amp;Continue (Space)</source>
        <translation>C&amp;ontinua (Spazio)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continua</translation>
    </message>
    <message>
        <source>Results of the class</source>
        <translation>Risultati della classe</translation>
    </message>
    <message>
        <source>&amp;Each trainee:</source>
        <translation>&amp;Ogni corsista:</translation>
    </message>
    <message>
        <source>Results per trainee</source>
        <translation>Risultati per corsista</translation>
    </message>
    <message>
        <source>Each s&amp;tep:</source>
        <translation>Ogni &amp;passo:</translation>
    </message>
    <message>
        <source>Results per step</source>
        <translation>Risultati per passo</translation>
    </message>
    <message>
        <source>Saved or not</source>
        <translation>Salvataggio</translation>
    </message>
    <message>
        <source>&amp;Save to each trainee's history (Ctrl+S)</source>
        <translation>&amp;Salva nello storico di ogni corsista (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save to each trainee's history</source>
        <translation>Salva nello storico di ogni corsista</translation>
    </message>
    <message>
        <source>&amp;New class session (Ctrl+N)</source>
        <translation>&amp;Nuova sessione di classe (Ctrl+N)</translation>
    </message>
    <message>
        <source>Start a new class session</source>
        <translation>Inizia una nuova sessione di classe</translation>
    </message>
    <message>
        <source>Choose a sample call first.</source>
        <translation>Prima scegli una chiamata di esempio.</translation>
    </message>
    <message>
        <source>Tick the trainees present, or add their names.</source>
        <translation>Spunta i corsisti presenti o aggiungi i loro nomi.</translation>
    </message>
    <message>
        <source>Class session started: {title}, {count} trainees</source>
        <translation>Sessione di classe iniziata: {title}, corsisti: {count}</translation>
    </message>
    <message>
        <source>{name}: answer cleared</source>
        <translation>{name}: risposta cancellata</translation>
    </message>
    <message>
        <source>{name}: {number}. Next: {next}</source>
        <translation>{name}: {number}. Ora: {next}</translation>
    </message>
    <message>
        <source>{name}: {number}. Everyone has answered: Space shows the right answer.</source>
        <translation>{name}: {number}. Hanno risposto tutti: Spazio mostra la risposta giusta.</translation>
    </message>
    <message>
        <source>Without an answer: {names}. Type it, or Ctrl+Return shows the right answer anyway.</source>
        <translation>Senza risposta: {names}. Digitala, oppure Ctrl+Invio mostra comunque la risposta giusta.</translation>
    </message>
    <message>
        <source>{right} of {count} chose it.</source>
        <translation>L'hanno scelta {right} su {count}.</translation>
    </message>
    <message>
        <source>Step: {step}.</source>
        <translation>Passo: {step}.</translation>
    </message>
    <message>
        <source>Right answer: {number}.</source>
        <translation>Risposta giusta: {number}.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>The class decides</source>
        <translation>Decide la classe</translation>
    </message>
    <message>
        <source>{speaker}: {text}</source>
        <translation>{speaker}: {text}</translation>
    </message>
    <message>
        <source>Type each trainee's answer, 1 to {count}.</source>
        <translation>Digita la risposta di ogni corsista, da 1 a {count}.</translation>
    </message>
    <message>
        <source>Turn {n} of {total}</source>
        <translation>Turno {n} di {total}</translation>
    </message>
    <message>
        <source>decision {n} of {total}</source>
        <translation>decisione {n} di {total}</translation>
    </message>
    <message>
        <source>{answered} of {count} answered — type 1 to {options} on each row; Space when everyone has answered</source>
        <translation>Hanno risposto {answered} su {count}: digita da 1 a {options} su ogni riga; Spazio quando hanno risposto tutti</translation>
    </message>
    <message>
        <source>Space shows the results of the class</source>
        <translation>Spazio mostra i risultati della classe</translation>
    </message>
    <message>
        <source>Space or → continues</source>
        <translation>Spazio o → per continuare</translation>
    </message>
    <message>
        <source>Not saved yet: Ctrl+S saves each trainee's result in their history.</source>
        <translation>Non ancora salvato: Ctrl+S salva il risultato di ogni corsista nel suo storico.</translation>
    </message>
    <message>
        <source>{name} {score} of {max}</source>
        <translation>{name} {score} su {max}</translation>
    </message>
    <message>
        <source>{title}: the class answered {share}% of the decisions right</source>
        <translation>{title}: la classe ha risposto bene al {share}% delle decisioni</translation>
    </message>
    <message>
        <source>Not saved ({reason}): press Ctrl+S to try again.</source>
        <translation>Non salvato ({reason}): premi Ctrl+S per riprovare.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non salvato: {reason}</translation>
    </message>
    <message>
        <source>Saved in the history of {names}.</source>
        <translation>Salvato nello storico di {names}.</translation>
    </message>
    <message>
        <source>The results are not saved: Ctrl+S saves them, Ctrl+N again leaves without saving.</source>
        <translation>I risultati non sono salvati: Ctrl+S li salva, Ctrl+N di nuovo esce senza salvare.</translation>
    </message>
</context>
<context>
    <name>ClassSetupPanel</name>
    <message>
        <source>Sample call</source>
        <translation>Chiamata di esempio</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisioni</translation>
    </message>
    <message>
        <source>A class together: one call on the projector, everyone's answers</source>
        <translation>In classe: una chiamata sul proiettore, le risposte di tutti</translation>
    </message>
    <message>
        <source>&amp;Sample call:</source>
        <translation>Chiamata di &amp;esempio:</translation>
    </message>
    <message>
        <source>Sample call for the class</source>
        <translation>Chiamata di esempio per la classe</translation>
    </message>
    <message>
        <source>Choose the call to play; Ctrl+Return starts the class session</source>
        <translation>Scegli la chiamata da fare; Ctrl+Invio avvia la sessione di classe</translation>
    </message>
    <message>
        <source>&amp;Trainees present:</source>
        <translation>&amp;Corsisti presenti:</translation>
    </message>
    <message>
        <source>Trainees present</source>
        <translation>Corsisti presenti</translation>
    </message>
    <message>
        <source>Space ticks or unticks a trainee</source>
        <translation>Spazio mette o toglie la spunta a un corsista</translation>
    </message>
    <message>
        <source>A&amp;dd a trainee:</source>
        <translation>A&amp;ggiungi un corsista:</translation>
    </message>
    <message>
        <source>Add a trainee</source>
        <translation>Aggiungi un corsista</translation>
    </message>
    <message>
        <source>Type a name and press Enter</source>
        <translation>Scrivi un nome e premi Invio</translation>
    </message>
    <message>
        <source>Type a name, then Enter</source>
        <translation>Scrivi un nome, poi Invio</translation>
    </message>
    <message>
        <source>St&amp;art the class session (Ctrl+Return)</source>
        <translation>A&amp;vvia la sessione di classe (Ctrl+Invio)</translation>
    </message>
    <message>
        <source>Start the class session</source>
        <translation>Avvia la sessione di classe</translation>
    </message>
    <message>
        <source>Trainees ticked</source>
        <translation>Corsisti spuntati</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>A sample call could not be loaded:
{problems}</source>
        <translation>Impossibile caricare una chiamata di esempio:
{problems}</translation>
    </message>
    <message>
        <source>Trainees ticked: {count}</source>
        <translation>Corsisti spuntati: {count}</translation>
    </message>
    <message>
        <source>{name} is in the class. {count}</source>
        <translation>{name} è nella classe. {count}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>an unexpected error inside CallAssist (the details are in the log file)</source>
        <translation>un errore imprevisto in CallAssist (i dettagli sono nel file di log)</translation>
    </message>
    <message>
        <source>Something went wrong inside CallAssist. What you typed is kept: anything not saved yet stays on screen and is retried, or written to a rescue file on quit.

The details were written to %1; please send that file with your report.</source>
        <translation>Qualcosa non ha funzionato in CallAssist. Quello che hai scritto è al sicuro: ciò che non è ancora salvato resta sullo schermo e viene riprovato, oppure finisce in un file di recupero alla chiusura.

I dettagli sono stati scritti in %1: allega quel file alla segnalazione.</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer details</source>
        <translation>Dati del cliente</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Any format: +39 055 1234567, 0551234567…</source>
        <translation>Qualsiasi formato: +39 055 1234567, 0551234567…</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefono:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <source>C&amp;ompany:</source>
        <translation>&amp;Azienda:</translation>
    </message>
</context>
<context>
    <name>CustomerExport</name>
    <message>
        <source>Data stored about %1</source>
        <translation>Dati conservati su %1</translation>
    </message>
    <message>
        <source>Exported on %1 at %2</source>
        <translation>Esportato il %1 alle %2</translation>
    </message>
    <message>
        <source>Everything CallAssist stores about this customer: their details, the pinned facts and every call with its notes and feedback.</source>
        <translation>Tutto ciò che CallAssist conserva su questo cliente: i suoi dati, i dati in evidenza e ogni chiamata con le sue note e il feedback ricevuto.</translation>
    </message>
    <message>
        <source>Generated %1</source>
        <translation>Generato il %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Pagina %1 di %2</translation>
    </message>
    <message>
        <source>Customer details</source>
        <translation>Dati del cliente</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Phone (international)</source>
        <translation>Telefono (formato internazionale)</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>Cliente dal</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>Numero cliente</translation>
    </message>
    <message>
        <source>Pinned facts</source>
        <translation>Dati in evidenza</translation>
    </message>
    <message>
        <source>Calls (%1)</source>
        <translation>Chiamate (%1)</translation>
    </message>
    <message>
        <source>No calls are stored for this customer.</source>
        <translation>Non ci sono chiamate registrate per questo cliente.</translation>
    </message>
    <message>
        <source>Call of %1 at %2</source>
        <translation>Chiamata del %1 alle %2</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminata</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Post-chiamata</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Ricontatto entro</translation>
    </message>
    <message>
        <source>Follow-up done</source>
        <translation>Ricontatto fatto</translation>
    </message>
    <message>
        <source>Checklist steps ticked</source>
        <translation>Passi della checklist spuntati</translation>
    </message>
    <message>
        <source>Situations</source>
        <translation>Situazioni</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Supervisor feedback</source>
        <translation>Feedback del supervisore</translation>
    </message>
    <message>
        <source>rating %1 of 5</source>
        <translation>voto %1 su 5</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuna</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>(segue)</translation>
    </message>
    <message>
        <source>%1 is a folder: give a file name</source>
        <translation>%1 è una cartella: indica un nome di file</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>la cartella %1 non esiste</translation>
    </message>
    <message>
        <source>cannot write in the folder %1</source>
        <translation>impossibile scrivere nella cartella %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossibile scrivere %1: %2</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Edit customer details</source>
        <translation>Modifica i dati del cliente</translation>
    </message>
    <message>
        <source>Shortcut: F2.</source>
        <translation>Scorciatoia: F2.</translation>
    </message>
    <message>
        <source>&amp;Pinned facts:</source>
        <translation>&amp;Dati in evidenza:</translation>
    </message>
    <message>
        <source>Pinned facts</source>
        <translation>Dati in evidenza</translation>
    </message>
    <message>
        <source>Saved automatically.</source>
        <translation>Salvati automaticamente.</translation>
    </message>
    <message>
        <source>Pinned facts about this customer (saved automatically)</source>
        <translation>Dati in evidenza su questo cliente (salvati automaticamente)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>These pinned facts were changed on another desk at the same time. Both texts are kept below: check them and tidy up.</source>
        <translation>Questi dati in evidenza sono stati modificati nello stesso momento da un'altra postazione. Sotto trovi entrambi i testi: controllali e riordinali.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Close the note about pinned facts changed on another desk</source>
        <translation>Chiudi l'avviso sui dati in evidenza modificati da un'altra postazione</translation>
    </message>
    <message>
        <source>Pinned facts changed on another desk</source>
        <translation>Dati in evidenza modificati da un'altra postazione</translation>
    </message>
    <message>
        <source>&amp;Merge into one</source>
        <translation>&amp;Unisci in uno</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>&amp;Tienili entrambi</translation>
    </message>
    <message>
        <source>Merge the two customers with the same number into one</source>
        <translation>Unisci in uno i due clienti con lo stesso numero</translation>
    </message>
    <message>
        <source>Keep both customers</source>
        <translation>Tieni entrambi i clienti</translation>
    </message>
    <message>
        <source>Two customers with the same number</source>
        <translation>Due clienti con lo stesso numero</translation>
    </message>
    <message>
        <source>%1 has the same number as %2, already saved: perhaps the same caller, created on two desks while the server was away. Merge them into one (calls and pinned facts included)?</source>
        <translation>%1 ha lo stesso numero di %2, già salvato: forse è la stessa persona, creata su due postazioni mentre il server non rispondeva. Vuoi unirli in uno solo (chiamate e dati in evidenza compresi)?</translation>
    </message>
    <message>
        <source>No customer open. Search above, or press Enter to create one.</source>
        <translation>Nessun cliente aperto. Cerca qui sopra, oppure premi Invio per crearne uno.</translation>
    </message>
    <message>
        <source>Follow-ups could not be read: %1</source>
        <translation>Non è stato possibile leggere i ricontatti: %1</translation>
    </message>
    <message>
        <source>Overdue follow-up, promised for %1 by %2</source>
        <translation>Ricontatto in ritardo, promesso per il %1 da %2</translation>
    </message>
    <message>
        <source>Follow-up promised for %1 by %2</source>
        <translation>Ricontatto promesso per il %1 da %2</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <source>(no name)</source>
        <translation>(senza nome)</translation>
    </message>
</context>
<context>
    <name>DatabaseProblemDialog</name>
    <message>
        <source>The database was not opened</source>
        <translation>Il database non è stato aperto</translation>
    </message>
    <message>
        <source>&amp;Restore the backup</source>
        <translation>&amp;Ripristina il backup</translation>
    </message>
    <message>
        <source>&amp;Open read-only</source>
        <translation>&amp;Apri in sola lettura</translation>
    </message>
    <message>
        <source>&amp;Start a new database</source>
        <translation>&amp;Crea un nuovo database</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>The database file %1 is empty (0 bytes). It was not opened, and nothing was written to it.</source>
        <translation>Il file del database %1 è vuoto (0 byte). Non è stato aperto e non vi è stato scritto nulla.</translation>
    </message>
    <message>
        <source>The file %1 is not a CallAssist database. It was not opened, and nothing was written to it.</source>
        <translation>Il file %1 non è un database di CallAssist. Non è stato aperto e non vi è stato scritto nulla.</translation>
    </message>
    <message>
        <source>The database file %1 is damaged. It was not opened for writing, and nothing was written to it.</source>
        <translation>Il file del database %1 è danneggiato. Non è stato aperto in scrittura e non vi è stato scritto nulla.</translation>
    </message>
    <message>
        <source>Restore the backup: the latest good backup, made on %1, takes its place; the file as it is now is kept in the backups folder, and customers erased since then are erased again.</source>
        <translation>Ripristina il backup: al suo posto va l'ultimo backup integro, del %1; il file com'è ora resta nella cartella dei backup, e i clienti cancellati da allora vengono cancellati di nuovo.</translation>
    </message>
    <message>
        <source>There is no backup of this database to restore.</source>
        <translation>Non c'è un backup di questo database da ripristinare.</translation>
    </message>
    <message>
        <source>Open read-only: look up customers and earlier calls in the damaged file. Nothing is written to it: what you type is kept in a rescue file when you close.</source>
        <translation>Apri in sola lettura: consulta clienti e chiamate precedenti nel file danneggiato. Nel file non viene scritto nulla: quello che scrivi viene conservato in un file di salvataggio alla chiusura.</translation>
    </message>
    <message>
        <source>Start a new database: an empty one takes the place of the empty file. Choose this only for a first start.</source>
        <translation>Crea un nuovo database: uno vuoto prende il posto del file vuoto. Sceglilo solo al primo avvio.</translation>
    </message>
    <message>
        <source>If you meant another file, quit and start CallAssist with --database and that file.</source>
        <translation>Se intendevi un altro file, esci e avvia CallAssist con --database seguito da quel file.</translation>
    </message>
    <message>
        <source>Quit: change nothing.</source>
        <translation>Esci: non cambia nulla.</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <source>Toggle step %1: %2</source>
        <translation>Spunta/togli passo %1: %2</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Impostazioni…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Cerca cliente</translation>
    </message>
    <message>
        <source>Edit customer…</source>
        <translation>Modifica cliente…</translation>
    </message>
    <message>
        <source>Export customer data…</source>
        <translation>Esporta i dati del cliente…</translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation>Elimina cliente…</translation>
    </message>
    <message>
        <source>Start call</source>
        <translation>Avvia chiamata</translation>
    </message>
    <message>
        <source>Choose situation</source>
        <translation>Scegli la situazione</translation>
    </message>
    <message>
        <source>Go to notes</source>
        <translation>Vai alle note</translation>
    </message>
    <message>
        <source>End call…</source>
        <translation>Termina chiamata…</translation>
    </message>
    <message>
        <source>Open the waiting caller</source>
        <translation>Apri il chiamante in attesa</translation>
    </message>
    <message>
        <source>Keep on top</source>
        <translation>Sempre in primo piano</translation>
    </message>
    <message>
        <source>Go to earlier calls</source>
        <translation>Vai alle chiamate precedenti</translation>
    </message>
    <message>
        <source>Review calls…</source>
        <translation>Revisione chiamate…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Formazione…</translation>
    </message>
    <message>
        <source>The method: situations and pitfalls</source>
        <translation>Il metodo: situazioni e trappole</translation>
    </message>
</context>
<context>
    <name>EndCallBar</name>
    <message>
        <source>End the call: how did it go?</source>
        <translation>Termina la chiamata: com'è andata?</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Esito:</translation>
    </message>
    <message>
        <source>Follow-up &amp;by:</source>
        <translation>&amp;Ricontattare entro:</translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Termina chiamata</translation>
    </message>
    <message>
        <source>Back to the call</source>
        <translation>Torna alla chiamata</translation>
    </message>
    <message>
        <source>Call outcome</source>
        <translation>Esito della chiamata</translation>
    </message>
    <message>
        <source>Resolved is the default; press Enter to end the call.</source>
        <translation>Risolta è la scelta predefinita: premi Invio per terminare la chiamata.</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Data del ricontatto</translation>
    </message>
    <message>
        <source>The day the customer will hear from us again.</source>
        <translation>Il giorno in cui ricontatteremo il cliente.</translation>
    </message>
    <message>
        <source>Keeps the call running.</source>
        <translation>La chiamata resta in corso.</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>%v of %m calls</source>
        <translation>%v di %m chiamate</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Avanzamento dell'esportazione</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Annulla l'esportazione</translation>
    </message>
    <message>
        <source>Cancel export (Esc)</source>
        <translation>Annulla l'esportazione (Esc)</translation>
    </message>
    <message>
        <source>all calls</source>
        <translation>tutte le chiamate</translation>
    </message>
    <message>
        <source>Exporting calls…</source>
        <translation>Esportazione delle chiamate…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullamento in corso…</translation>
    </message>
</context>
<context>
    <name>ExportReport</name>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Steps followed</source>
        <translation>Passi seguiti</translation>
    </message>
    <message>
        <source>Missed steps</source>
        <translation>Passi saltati</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Ricontatto entro</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>CallAssist — call report</source>
        <translation>CallAssist — report delle chiamate</translation>
    </message>
    <message>
        <source>Generated %1</source>
        <translation>Generato il %1</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <source>all calls</source>
        <translation>tutte le chiamate</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Pagina %1 di %2</translation>
    </message>
    <message>
        <source>No calls match this filter.</source>
        <translation>Nessuna chiamata corrisponde a questo filtro.</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Post-chiamata</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>all dates</source>
        <translation>tutte le date</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>dal %1</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>fino al %1</translation>
    </message>
    <message>
        <source>operator: %1</source>
        <translation>operatore: %1</translation>
    </message>
    <message>
        <source>outcome: %1</source>
        <translation>esito: %1</translation>
    </message>
    <message>
        <source>missed: %1</source>
        <translation>saltato: %1</translation>
    </message>
    <message>
        <source>overdue follow-ups only</source>
        <translation>solo ricontatti in ritardo</translation>
    </message>
    <message>
        <source>search: %1</source>
        <translation>ricerca: %1</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>Dati principali</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Chiamate</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Tempo di conversazione</translation>
    </message>
    <message>
        <source>%1 in all, %2 per call on average</source>
        <translation>%1 in tutto, in media %2 a chiamata</translation>
    </message>
    <message>
        <source>Wrap-up time</source>
        <translation>Tempo post-chiamata</translation>
    </message>
    <message>
        <source>%1 per call on average (%2 calls measured)</source>
        <translation>in media %1 a chiamata (%2 chiamate misurate)</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Esiti</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 su %2 (%3%)</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Ricontatti</translation>
    </message>
    <message>
        <source>%1 open, %2 overdue</source>
        <translation>%1 aperti, %2 in ritardo</translation>
    </message>
    <message>
        <source>Steps followed per operator</source>
        <translation>Passi seguiti per operatore</translation>
    </message>
    <message>
        <source>Steps followed by the team</source>
        <translation>Passi seguiti dal team</translation>
    </message>
    <message>
        <source>Each cell: share of the calls in which the step was followed (number of calls).</source>
        <translation>In ogni casella: quota delle chiamate in cui il passo è stato seguito (numero di chiamate).</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Team figures only: this workplace shows no figures per operator.</source>
        <translation>Solo dati di team: in questa sede non si mostrano dati per operatore.</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>Ricontatti in ritardo</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>Giorni di ritardo</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>Promesso da</translation>
    </message>
    <message>
        <source>No follow-up is overdue.</source>
        <translation>Nessun ricontatto in ritardo.</translation>
    </message>
    <message>
        <source>…and %1 more.</source>
        <translation>…e altri %1.</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>(segue)</translation>
    </message>
    <message>
        <source>[%1 more characters: the CSV export has the whole note]</source>
        <translation>[altri %1 caratteri: la nota intera è nell'export CSV]</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dal</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Al</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Data iniziale</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Data finale</translation>
    </message>
    <message>
        <source>Filter by %1</source>
        <translation>Filtra per %1</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Tutti gli operatori</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Tutti gli esiti</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Qualsiasi</translation>
    </message>
    <message>
        <source>Missed step</source>
        <translation>Passo saltato</translation>
    </message>
    <message>
        <source>Over&amp;due follow-ups only</source>
        <translation>&amp;Solo ricontatti in ritardo</translation>
    </message>
    <message>
        <source>Overdue follow-ups only</source>
        <translation>Solo ricontatti in ritardo</translation>
    </message>
    <message>
        <source>Search notes: words, "exact phrase", prefix*</source>
        <translation>Cerca nelle note: parole, "frase esatta", prefisso*</translation>
    </message>
    <message>
        <source>Search notes</source>
        <translation>Cerca nelle note</translation>
    </message>
    <message>
        <source>Words, "exact phrases" in quotes, prefix* with a star</source>
        <translation>Parole, "frasi esatte" tra virgolette, prefisso* con l'asterisco</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>Azzera i filtri</translation>
    </message>
    <message>
        <source>Reset filters (Ctrl+Shift+R)</source>
        <translation>Azzera i filtri (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>O&amp;perator</source>
        <translation>&amp;Operatore</translation>
    </message>
    <message>
        <source>O&amp;utcome</source>
        <translation>&amp;Esito</translation>
    </message>
    <message>
        <source>&amp;Missed step</source>
        <translation>&amp;Passo saltato</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cerca</translation>
    </message>
</context>
<context>
    <name>FollowUpBoard</name>
    <message>
        <source>Promised for</source>
        <translation>Promesso per</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>Promesso da</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Chiamata</translation>
    </message>
</context>
<context>
    <name>FollowUpBoardModel</name>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>In ritardo di %n giorno</numerusform>
            <numerusform>In ritardo di %n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Scade oggi</translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Scade tra %n giorno</numerusform>
            <numerusform>Scade tra %n giorni</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>OVERDUE since %1</source>
        <translation>IN RITARDO dal %1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>entro il %1</translation>
    </message>
</context>
<context>
    <name>FollowUpsPanel</name>
    <message>
        <source>Your follow-ups</source>
        <translation>I tuoi ricontatti</translation>
    </message>
    <message>
        <source>Customers you promised news, due today or overdue, overdue first. Enter opens the customer.</source>
        <translation>Clienti a cui hai promesso notizie, in scadenza oggi o in ritardo, prima quelli in ritardo. Invio apre il cliente.</translation>
    </message>
    <message>
        <source>Mark as &amp;done</source>
        <translation>&amp;Segna come fatto</translation>
    </message>
    <message>
        <source>Mark the selected follow-up as done</source>
        <translation>Segna come fatto il ricontatto selezionato</translation>
    </message>
    <message>
        <source>Follow-ups could not be read: %1</source>
        <translation>Non è stato possibile leggere i ricontatti: %1</translation>
    </message>
    <message>
        <source>Your follow-ups: %1 overdue</source>
        <translation>I tuoi ricontatti: %1 in ritardo</translation>
    </message>
    <message>
        <source>Team: %1 overdue in all</source>
        <translation>Squadra: %1 in ritardo in tutto</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>steps %1/%2</source>
        <translation>passi %1/%2</translation>
    </message>
    <message>
        <source>follow-up by %1</source>
        <translation>ricontatto entro il %1</translation>
    </message>
    <message>
        <source>Feedback from %1%2: %3</source>
        <translation>Feedback di %1%2: %3</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Sample call</source>
        <translation>Chiamata di esempio</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativi</translation>
    </message>
    <message>
        <source>Scores over time</source>
        <translation>Punteggi nel tempo</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Migliore</translation>
    </message>
    <message>
        <source>Last played</source>
        <translation>Ultima volta</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Conclusa</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Corsista</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punteggio</translation>
    </message>
    <message>
        <source>Missed steps</source>
        <translation>Passi saltati</translation>
    </message>
    <message>
        <source>&amp;Trainee:</source>
        <translation>&amp;Corsista:</translation>
    </message>
    <message>
        <source>Trainee whose history is shown</source>
        <translation>Corsista di cui è mostrato lo storico</translation>
    </message>
    <message>
        <source>All trainees</source>
        <translation>Tutti i corsisti</translation>
    </message>
    <message>
        <source>&amp;Progress per sample call</source>
        <translation>Pro&amp;gressi per chiamata di esempio</translation>
    </message>
    <message>
        <source>Progress per sample call</source>
        <translation>Progressi per chiamata di esempio</translation>
    </message>
    <message>
        <source>&amp;All results</source>
        <translation>&amp;Tutti i risultati</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Tutti i risultati</translation>
    </message>
    <message>
        <source>&amp;Decisions of the selected result</source>
        <translation>&amp;Decisioni del risultato scelto</translation>
    </message>
    <message>
        <source>Decisions of the selected result</source>
        <translation>Decisioni del risultato scelto</translation>
    </message>
    <message>
        <source>The trainee's words, the answer chosen and the model answer, decision by decision</source>
        <translation>Le parole del corsista, la risposta scelta e la risposta modello, decisione per decisione</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>Read the history again</source>
        <translation>Leggi di nuovo lo storico</translation>
    </message>
    <message>
        <source>Select a result above to go through its decisions.</source>
        <translation>Scegli un risultato qui sopra per ripercorrerne le decisioni.</translation>
    </message>
    <message>
        <source>{trainee}, {call}, {when}: {score} of {max}.</source>
        <translation>{trainee}, {call}, {when}: {score} su {max}.</translation>
    </message>
    <message>
        <source>No decisions were kept for this result (it was saved by an earlier version).</source>
        <translation>Per questo risultato non sono state conservate le decisioni (è stato salvato da una versione precedente).</translation>
    </message>
    <message>
        <source>No decisions were kept for this result.</source>
        <translation>Per questo risultato non sono state conservate le decisioni.</translation>
    </message>
    <message>
        <source>Decision {number}:</source>
        <translation>Decisione {number}:</translation>
    </message>
    <message>
        <source>Their words: {words}</source>
        <translation>Le sue parole: {words}</translation>
    </message>
    <message>
        <source>(none typed)</source>
        <translation>(nessuna parola scritta)</translation>
    </message>
    <message>
        <source> (step: {step})</source>
        <translation> (passo: {step})</translation>
    </message>
    <message>
        <source>Chosen, right at the first try: {answer}</source>
        <translation>Scelta, giusta al primo colpo: {answer}</translation>
    </message>
    <message>
        <source>Chosen: nothing</source>
        <translation>Scelta: nessuna</translation>
    </message>
    <message>
        <source>Chosen first: {answer} (not the right one)</source>
        <translation>Prima scelta: {answer} (non quella giusta)</translation>
    </message>
    <message>
        <source>Model answer: {answer}</source>
        <translation>Risposta modello: {answer}</translation>
    </message>
    <message>
        <source>This sample call is not in the library, so only the words typed are shown.</source>
        <translation>Questa chiamata di esempio non è nella raccolta: sono mostrate solo le parole scritte.</translation>
    </message>
    <message>
        <source>Decision {number}: {words}</source>
        <translation>Decisione {number}: {words}</translation>
    </message>
    <message>
        <source>The history could not be read: {reason}</source>
        <translation>Impossibile leggere lo storico: {reason}</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>&amp;Earlier calls:</source>
        <translation>Chiamate &amp;precedenti:</translation>
    </message>
    <message>
        <source>Earlier calls</source>
        <translation>Chiamate precedenti</translation>
    </message>
    <message>
        <source>Newest first, with notes and supervisor feedback. Shortcut: Ctrl+H.</source>
        <translation>Dalla più recente, con note e feedback del supervisore. Scorciatoia: Ctrl+H.</translation>
    </message>
    <message>
        <source>Earlier calls could not be read: %1</source>
        <translation>Non è stato possibile leggere le chiamate precedenti: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>CallAssist — sign in</source>
        <translation>CallAssist — accesso</translation>
    </message>
    <message>
        <source>Sign in to the database server %1.</source>
        <translation>Accedi al server del database %1.</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>Your own login on the database server</source>
        <translation>Il tuo nome utente sul server del database</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation>&amp;Nome utente:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Remember on this computer</source>
        <translation>&amp;Ricorda su questo computer</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>Ricorda su questo computer</translation>
    </message>
    <message>
        <source>The password is kept in this computer's keyring, not in CallAssist's files.</source>
        <translation>La password è conservata nel portachiavi di questo computer, non nei file di CallAssist.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Accedi</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <source>Quit without starting</source>
        <translation>Esci senza avviare</translation>
    </message>
    <message>
        <source>Please type your login name.</source>
        <translation>Scrivi il tuo nome utente.</translation>
    </message>
    <message>
        <source>Please type your password.</source>
        <translation>Scrivi la tua password.</translation>
    </message>
    <message>
        <source>The server refused this login name or password. Check them and try again.</source>
        <translation>Il server ha rifiutato questo nome utente o questa password. Controllali e riprova.</translation>
    </message>
    <message>
        <source>CallAssist could not connect: %1</source>
        <translation>CallAssist non è riuscito a collegarsi: %1</translation>
    </message>
    <message>
        <source>The password remembered on this computer was refused, and was forgotten. Please type it again.</source>
        <translation>La password ricordata su questo computer è stata rifiutata ed è stata dimenticata. Scrivila di nuovo.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Tr&amp;y again</source>
        <translation>Riprov&amp;a</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <source>Repeat what failed (F5 reads everything again)</source>
        <translation>Ripete ciò che non è riuscito (F5 rilegge tutto)</translation>
    </message>
</context>
<context>
    <name>MethodDialog</name>
    <message>
        <source>CallAssist — the method</source>
        <translation>CallAssist — il metodo</translation>
    </message>
    <message>
        <source>The method: steps, situations and pitfalls</source>
        <translation>Il metodo: passi, situazioni e trappole</translation>
    </message>
    <message>
        <source>The five steps</source>
        <translation>I cinque passi</translation>
    </message>
    <message>
        <source>Situations</source>
        <translation>Situazioni</translation>
    </message>
    <message>
        <source>Pitfalls</source>
        <translation>Trappole</translation>
    </message>
</context>
<context>
    <name>OperatorNameDialog</name>
    <message>
        <source>CallAssist — your name</source>
        <translation>CallAssist — il tuo nome</translation>
    </message>
    <message>
        <source>What name should calls and feedback be signed with?</source>
        <translation>Con quale nome vuoi firmare chiamate e feedback?</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Il tuo nome</translation>
    </message>
    <message>
        <source>Calls and feedback are signed with this name.</source>
        <translation>Chiamate e feedback vengono firmati con questo nome.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>You can change it later in Settings.</source>
        <translation>Potrai cambiarlo in seguito dalle Impostazioni.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Avvia</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Start CallAssist with this name</source>
        <translation>Avvia CallAssist con questo nome</translation>
    </message>
    <message>
        <source>Quit without starting</source>
        <translation>Esci senza avviare</translation>
    </message>
    <message>
        <source>Please type a name: calls and feedback are signed with it.</source>
        <translation>Scrivi un nome: serve a firmare chiamate e feedback.</translation>
    </message>
</context>
<context>
    <name>OperatorWindow</name>
    <message>
        <source>Export customer data</source>
        <translation>Esporta i dati del cliente</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Erase customer</source>
        <translation>Elimina cliente</translation>
    </message>
    <message>
        <source>Erase %1 and every call, note and feedback about them? This cannot be undone.</source>
        <translation>Eliminare %1 con tutte le sue chiamate, note e feedback? L'operazione non si può annullare.</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Apertura del database…</translation>
    </message>
    <message>
        <source>Offline — 1 change waiting</source>
        <translation>Non in linea — 1 modifica in attesa</translation>
    </message>
    <message>
        <source>1 change kept on this computer: the server refused it</source>
        <translation>1 modifica tenuta su questo computer: il server l'ha rifiutata</translation>
    </message>
    <message>
        <source>%1 changes kept on this computer: the server refused one</source>
        <translation>%1 modifiche tenute su questo computer: il server ne ha rifiutata una</translation>
    </message>
    <message>
        <source>Sending 1 change…</source>
        <translation>Invio di 1 modifica…</translation>
    </message>
    <message>
        <source>Back online: the changes made offline are on the server.</source>
        <translation>Di nuovo in linea: le modifiche fatte senza server sono arrivate al server.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation>&amp;Cliente</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>C&amp;hiamata</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>Your notes could not be written to a file either: %1</source>
        <translation>Non è stato possibile scrivere le note nemmeno in un file: %1</translation>
    </message>
    <message>
        <source>The database refused your latest text; it was written to %1</source>
        <translation>Il database non ha accettato il tuo ultimo testo: è stato scritto in %1</translation>
    </message>
    <message>
        <source>Keep on top: on</source>
        <translation>Sempre in primo piano: attivo</translation>
    </message>
    <message>
        <source>Your login is for training: the desk is for operators.</source>
        <translation>Il tuo utente è per la formazione: la postazione è per gli operatori.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Connection to the team database</source>
        <translation>Connessione al database del gruppo</translation>
    </message>
    <message>
        <source>Offline — %1 changes waiting</source>
        <translation>Non in linea — %1 modifiche in attesa</translation>
    </message>
    <message>
        <source>Sending %1 changes…</source>
        <translation>Invio di %1 modifiche…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>In linea</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached. Your work is kept on this computer and sent when the server is back.</source>
        <translation>Non in linea: il server non risponde. Il tuo lavoro resta su questo computer e viene inviato quando il server torna disponibile.</translation>
    </message>
    <message>
        <source>Keep on top: off</source>
        <translation>Sempre in primo piano: disattivato</translation>
    </message>
    <message>
        <source>Your login (%1) has no access to the review: it is for supervisors. Ask your admin for the supervisor role.</source>
        <translation>Il tuo utente (%1) non ha accesso alla revisione delle chiamate: è riservata ai supervisori. Chiedi all'amministratore il ruolo di supervisore.</translation>
    </message>
    <message>
        <source>Your login (%1) has no access to the training: it is for trainers and supervisors. Ask your admin for the trainer role.</source>
        <translation>Il tuo utente (%1) non ha accesso alla formazione: è riservata ai formatori e ai supervisori. Chiedi all'amministratore il ruolo di formatore.</translation>
    </message>
    <message>
        <source>No access</source>
        <translation>Accesso non consentito</translation>
    </message>
    <message>
        <source>Working offline</source>
        <translation>Lavoro senza server</translation>
    </message>
    <message>
        <source>The server cannot be reached. 1 change is kept on this computer and will be sent to the server the next time CallAssist starts.</source>
        <translation>Il server non risponde. 1 modifica resta su questo computer e sarà inviata al server al prossimo avvio di CallAssist.</translation>
    </message>
    <message>
        <source>The server cannot be reached. %1 changes are kept on this computer and will be sent to the server the next time CallAssist starts.</source>
        <translation>Il server non risponde. %1 modifiche restano su questo computer e saranno inviate al server al prossimo avvio di CallAssist.</translation>
    </message>
    <message>
        <source>Quit, keeping it here</source>
        <translation>Esci e tienila qui</translation>
    </message>
    <message>
        <source>Notes not saved yet</source>
        <translation>Note non ancora salvate</translation>
    </message>
    <message>
        <source>The database is not accepting writes right now, so your latest notes are not saved yet.</source>
        <translation>Il database al momento non accetta scritture, quindi le ultime note non sono ancora salvate.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <source>Save to a file and quit</source>
        <translation>Salva in un file ed esci</translation>
    </message>
    <message>
        <source>Keep the window open</source>
        <translation>Lascia aperta la finestra</translation>
    </message>
    <message>
        <source>Changes not on the server</source>
        <translation>Modifiche non sul server</translation>
    </message>
    <message>
        <source>1 change is not on the server: it did not accept it. It is kept on this computer and sent again when you press Retry or the next time CallAssist starts.</source>
        <translation>1 modifica non è sul server: non l'ha accettata. Resta su questo computer e viene inviata di nuovo quando premi Riprova o al prossimo avvio di CallAssist.</translation>
    </message>
    <message>
        <source>%1 changes are not on the server: it did not accept them. They are kept on this computer and sent again when you press Retry or the next time CallAssist starts.</source>
        <translation>%1 modifiche non sono sul server: non le ha accettate. Restano su questo computer e vengono inviate di nuovo quando premi Riprova o al prossimo avvio di CallAssist.</translation>
    </message>
    <message>
        <source>Quit, keeping them here</source>
        <translation>Esci e tienile qui</translation>
    </message>
    <message>
        <source>Notes kept</source>
        <translation>Note conservate</translation>
    </message>
    <message>
        <source>Your notes were written to %1</source>
        <translation>Le note sono state scritte in %1</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Resolved</source>
        <translation>Risolta</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Da ricontattare</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Passata al livello superiore</translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation>Non risolta</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In corso</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>Calls</source>
        <translation>Chiamate</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Tempo di conversazione</translation>
    </message>
    <message>
        <source>Wrap-up time</source>
        <translation>Tempo post-chiamata</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>Esiti</translation>
    </message>
    <message>
        <source>Steps followed</source>
        <translation>Passi seguiti</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Ricontatti</translation>
    </message>
    <message>
        <source>Steps followed by operator</source>
        <translation>Passi seguiti per operatore</translation>
    </message>
    <message>
        <source>Share of calls where each step was ticked; Enter on a cell lists that operator's calls that missed the step</source>
        <translation>Quota di chiamate in cui ogni passo è stato spuntato; Invio su una cella elenca le chiamate di quell'operatore che hanno saltato il passo</translation>
    </message>
    <message>
        <source>Steps followed &amp;by operator</source>
        <translation>Passi seg&amp;uiti per operatore</translation>
    </message>
    <message>
        <source>Steps followed &amp;by the team</source>
        <translation>Passi seg&amp;uiti dal team</translation>
    </message>
    <message>
        <source>%1 on average · %2 in all</source>
        <translation>%1 in media · %2 in tutto</translation>
    </message>
    <message>
        <source>measured on %1 of %2 calls</source>
        <translation>misurato su %1 chiamate su %2</translation>
    </message>
    <message>
        <source>under 50%</source>
        <translation>sotto il 50%</translation>
    </message>
    <message>
        <source>50% to 79%</source>
        <translation>dal 50% al 79%</translation>
    </message>
    <message>
        <source>80% or more</source>
        <translation>80% o più</translation>
    </message>
    <message>
        <source>Each cell: the share of calls where the step was ticked.</source>
        <translation>Ogni cella: la quota di chiamate in cui il passo è stato spuntato.</translation>
    </message>
    <message>
        <source>Enter or double-click on a cell: that operator's calls that missed the step.</source>
        <translation>Invio o doppio clic su una cella: le chiamate di quell'operatore che hanno saltato il passo.</translation>
    </message>
    <message>
        <source>Enter or double-click on a cell: the calls that missed the step.</source>
        <translation>Invio o doppio clic su una cella: le chiamate che hanno saltato il passo.</translation>
    </message>
    <message>
        <source>Reading the figures…</source>
        <translation>Lettura dei dati…</translation>
    </message>
    <message>
        <source>The figures could not be read: %1</source>
        <translation>Impossibile leggere i dati: %1</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>non misurato</translation>
    </message>
    <message>
        <source>no calls</source>
        <translation>nessuna chiamata</translation>
    </message>
    <message>
        <source>%1% (%2 of %3 steps)</source>
        <translation>%1% (%2 passi su %3)</translation>
    </message>
    <message>
        <source>%1 open, %2 overdue</source>
        <translation>%1 aperti, %2 in ritardo</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>PlayPage</name>
    <message>
        <source>Transcript of the call</source>
        <translation>Trascrizione della chiamata</translation>
    </message>
    <message>
        <source>Feedback on your answer</source>
        <translation>Commento alla tua risposta</translation>
    </message>
    <message>
        <source>&amp;Continue (Space)</source>
        <translation>C&amp;ontinua (Spazio)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continua</translation>
    </message>
    <message>
        <source>Show the next turn of the call</source>
        <translation>Mostra il turno successivo della chiamata</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>&amp;Interrompi</translation>
    </message>
    <message>
        <source>Stop the walkthrough</source>
        <translation>Interrompi l'esercitazione</translation>
    </message>
    <message>
        <source>Back to the list of sample calls</source>
        <translation>Torna all'elenco delle chiamate di esempio</translation>
    </message>
    <message>
        <source>Presenter &amp;mode (F5)</source>
        <translation>Modalità &amp;presentazione (F5)</translation>
    </message>
    <message>
        <source>Presenter mode</source>
        <translation>Modalità presentazione</translation>
    </message>
    <message>
        <source>Large type and full screen for a class; the answers stay hidden until R. Esc leaves it</source>
        <translation>Caratteri grandi e schermo intero per un'aula; le risposte restano nascoste fino a R. Esc per uscire</translation>
    </message>
    <message>
        <source>Answer {number}</source>
        <translation>Risposta {number}</translation>
    </message>
    <message>
        <source>The answers are hidden: press R to reveal them.</source>
        <translation>Le risposte sono nascoste: premi R per mostrarle.</translation>
    </message>
    <message>
        <source>Walkthrough started: {title}</source>
        <translation>Esercitazione avviata: {title}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Your turn</source>
        <translation>Tocca a te</translation>
    </message>
    <message>
        <source>Operator (your answer)</source>
        <translation>Operatore (la tua risposta)</translation>
    </message>
    <message>
        <source>{speaker}: {text}</source>
        <translation>{speaker}: {text}</translation>
    </message>
    <message>
        <source>Answer {number}: {text}</source>
        <translation>Risposta {number}: {text}</translation>
    </message>
    <message>
        <source>Choose an answer with 1 to {count}.</source>
        <translation>Scegli una risposta con i tasti da 1 a {count}.</translation>
    </message>
    <message>
        <source>Turn {n} of {total} · score {score} of {max}</source>
        <translation>Turno {n} di {total} · punteggio {score} su {max}</translation>
    </message>
    <message>
        <source>Choose the answer closest to your words: press 1 to {count}.</source>
        <translation>Scegli la risposta più vicina alle tue parole: premi un tasto da 1 a {count}.</translation>
    </message>
    <message>
        <source>Choose an answer: press 1 to {count}.</source>
        <translation>Scegli una risposta: premi un tasto da 1 a {count}.</translation>
    </message>
    <message>
        <source>Press R to reveal the answers.</source>
        <translation>Premi R per mostrare le risposte.</translation>
    </message>
    <message>
        <source>Press Space to see the score.</source>
        <translation>Premi Spazio per vedere il punteggio.</translation>
    </message>
    <message>
        <source>Press Space or → to continue.</source>
        <translation>Premi Spazio o → per continuare.</translation>
    </message>
    <message>
        <source>Type what you would say, then press Ctrl+Return to show the answers.</source>
        <translation>Scrivi cosa diresti, poi premi Ctrl+Invio per vedere le risposte.</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>Giusto.</translation>
    </message>
    <message>
        <source>Right, at the second attempt.</source>
        <translation>Giusto, al secondo tentativo.</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>Non proprio.</translation>
    </message>
    <message>
        <source>Step: {step}.</source>
        <translation>Passo: {step}.</translation>
    </message>
    <message>
        <source>Try another answer.</source>
        <translation>Prova un'altra risposta.</translation>
    </message>
    <message>
        <source>Your words: {words} Model answer: {answer}</source>
        <translation>Le tue parole: {words} Risposta modello: {answer}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuna)</translation>
    </message>
    <message>
        <source>Choose an answer first: press 1 to {count}.</source>
        <translation>Prima scegli una risposta: premi un tasto da 1 a {count}.</translation>
    </message>
    <message>
        <source>Answers shown: choose the closest to your words with 1 to {count}.</source>
        <translation>Risposte visibili: scegli la più vicina alle tue parole con i tasti da 1 a {count}.</translation>
    </message>
    <message>
        <source>Answers shown: choose with 1 to {count}.</source>
        <translation>Risposte visibili: scegli con i tasti da 1 a {count}.</translation>
    </message>
</context>
<context>
    <name>PresenterMode</name>
    <message>
        <source>Presenter mode</source>
        <translation>Modalità presentazione</translation>
    </message>
    <message>
        <source>Leave presenter mode</source>
        <translation>Esci dalla modalità presentazione</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>Sessions counted from</source>
        <translation>Da quando contare le sessioni</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Tutte le date</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Ultimi 7 giorni</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Ultimi 30 giorni</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Ultimi 90 giorni</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Esporta &amp;CSV…</translation>
    </message>
    <message>
        <source>Export the class's progress as CSV</source>
        <translation>Esporta in CSV i progressi della classe</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>Esporta P&amp;DF…</translation>
    </message>
    <message>
        <source>Export the class's progress as PDF, one page per trainee</source>
        <translation>Esporta in PDF i progressi della classe, una pagina per corsista</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>Read the progress again</source>
        <translation>Rileggi i progressi</translation>
    </message>
    <message>
        <source>Trai&amp;nees, weakest step first</source>
        <translation>Cors&amp;isti, dal passo più debole</translation>
    </message>
    <message>
        <source>Trainees</source>
        <translation>Corsisti</translation>
    </message>
    <message>
        <source>Each trainee's sessions, average score and weakest step; the columns sort</source>
        <translation>Sessioni, punteggio medio e passo più debole di ogni corsista; le colonne si possono ordinare</translation>
    </message>
    <message>
        <source>Dots: the share in that session. Dashed line: the share over every session so far.</source>
        <translation>Punti: la quota in quella sessione. Linea tratteggiata: la quota su tutte le sessioni fino a quel momento.</translation>
    </message>
    <message>
        <source>&amp;Steps in numbers</source>
        <translation>I passi in &amp;numeri</translation>
    </message>
    <message>
        <source>Steps of the selected trainee in numbers</source>
        <translation>I passi del corsista selezionato in numeri</translation>
    </message>
    <message>
        <source>The progress could not be read: %1</source>
        <translation>Impossibile leggere i progressi: %1</translation>
    </message>
    <message>
        <source>Steps shown per session: no trainee selected</source>
        <translation>Passi mostrati per sessione: nessun corsista selezionato</translation>
    </message>
    <message>
        <source>%1: no sessions in this period</source>
        <translation>%1: nessuna sessione in questo periodo</translation>
    </message>
    <message>
        <source>%1: steps shown per session, %2 – %3</source>
        <translation>%1: passi mostrati per sessione, %2 – %3</translation>
    </message>
    <message>
        <source>%1: %2 sessions, average score %3%.</source>
        <translation>%1: %2 sessioni, punteggio medio %3%.</translation>
    </message>
    <message>
        <source>%1: shown in %2 of %3 decisions (%4%).</source>
        <translation>%1: mostrato in %2 decisioni su %3 (%4%).</translation>
    </message>
    <message>
        <source>Last session: %1%.</source>
        <translation>Ultima sessione: %1%.</translation>
    </message>
    <message>
        <source>Weakest step: %1 (%2%).</source>
        <translation>Passo più debole: %1 (%2%).</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sessione</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Mostrato</translation>
    </message>
    <message>
        <source>That session</source>
        <translation>Quella sessione</translation>
    </message>
    <message>
        <source>Every session so far</source>
        <translation>Tutte le sessioni fino ad allora</translation>
    </message>
    <message>
        <source>%1 per session</source>
        <translation>%1 per sessione</translation>
    </message>
    <message>
        <source>shown in %1 of %2 decisions (%3%)</source>
        <translation>mostrato in %1 decisioni su %2 (%3%)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the class's progress as PDF</source>
        <translation>Esporta in PDF i progressi della classe</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Esportazione in corso…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Esportato in %1</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Esportazione non riuscita: %1</translation>
    </message>
</context>
<context>
    <name>RescueBar</name>
    <message>
        <source>&amp;Open the file</source>
        <translation>&amp;Apri il file</translation>
    </message>
    <message>
        <source>Open the rescue file</source>
        <translation>Apri il file di recupero</translation>
    </message>
    <message>
        <source>&amp;Copy back into the records</source>
        <translation>&amp;Ricopia nelle schede</translation>
    </message>
    <message>
        <source>Copy the rescued text back into the customers' records</source>
        <translation>Ricopia il testo recuperato nelle schede dei clienti</translation>
    </message>
    <message>
        <source>Dis&amp;miss</source>
        <translation>I&amp;gnora</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ignora</translation>
    </message>
    <message>
        <source>The file is kept, but no longer offered.</source>
        <translation>Il file resta, ma non viene più proposto.</translation>
    </message>
    <message>
        <source>open the file to read it</source>
        <translation>apri il file per leggerlo</translation>
    </message>
    <message>
        <source>Text typed on %1 could not be saved to the database and was kept in %2: %3</source>
        <translation>Il testo scritto il %1 non è stato salvato nel database ed è conservato in %2: %3</translation>
    </message>
    <message>
        <source>Unsaved text from an earlier session</source>
        <translation>Testo non salvato di una sessione precedente</translation>
    </message>
</context>
<context>
    <name>ResultKeeper</name>
    <message>
        <source>CallAssist: a training result the database did not accept</source>
        <translation>CallAssist: un risultato di formazione che il database non ha accettato</translation>
    </message>
    <message>
        <source>Trainee: {name} (id {id})</source>
        <translation>Corsista: {name} (id {id})</translation>
    </message>
    <message>
        <source>Sample call: {title} ({id}, {language})</source>
        <translation>Chiamata di esempio: {title} ({id}, {language})</translation>
    </message>
    <message>
        <source>Score: {score} of {max}</source>
        <translation>Punteggio: {score} su {max}</translation>
    </message>
    <message>
        <source>Missed steps: {steps}</source>
        <translation>Passi saltati: {steps}</translation>
    </message>
    <message>
        <source>Written: {when}</source>
        <translation>Scritto il: {when}</translation>
    </message>
    <message>
        <source>Why it was not saved: {reason}</source>
        <translation>Perché non è stato salvato: {reason}</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>CallAssist — review calls</source>
        <translation>CallAssist — revisione chiamate</translation>
    </message>
    <message>
        <source>Search notes</source>
        <translation>Cerca nelle note</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>Azzera i filtri</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Chiamate</translation>
    </message>
    <message>
        <source>The calls matching the filters; select one to see it in detail</source>
        <translation>Le chiamate che corrispondono ai filtri; selezionane una per vederne i dettagli</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Ricontatti</translation>
    </message>
    <message>
        <source>Customers still waiting for news, overdue first</source>
        <translation>Clienti ancora in attesa di notizie, prima quelli in ritardo</translation>
    </message>
    <message>
        <source>&amp;Calls</source>
        <translation>C&amp;hiamate</translation>
    </message>
    <message>
        <source>F&amp;ollow-ups</source>
        <translation>R&amp;icontatti</translation>
    </message>
    <message>
        <source>C&amp;harts</source>
        <translation>&amp;Grafici</translation>
    </message>
    <message>
        <source>Review sections</source>
        <translation>Sezioni della revisione</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Revisione</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Esporta CSV…</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>Esporta report PDF…</translation>
    </message>
    <message>
        <source>Export PDF summary (first page)…</source>
        <translation>Esporta il riepilogo PDF (prima pagina)…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Annulla l'esportazione</translation>
    </message>
    <message>
        <source>Save feedback</source>
        <translation>Salva feedback</translation>
    </message>
    <message>
        <source>Write feedback</source>
        <translation>Scrivi feedback</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>Go to the call list</source>
        <translation>Vai all'elenco delle chiamate</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Panoramica</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Grafici</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Tutte le chiamate</translation>
    </message>
    <message>
        <source>Could not read the follow-ups: %1</source>
        <translation>Impossibile leggere i ricontatti: %1</translation>
    </message>
    <message>
        <source>Could not compute the charts: %1</source>
        <translation>Impossibile calcolare i grafici: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Conteggio…</translation>
    </message>
    <message>
        <source>Could not read the calls: %1</source>
        <translation>Impossibile leggere le chiamate: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) match</source>
        <translation>
            <numerusform>%n chiamata corrisponde</numerusform>
            <numerusform>%n chiamate corrispondono</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the follow-ups…</source>
        <translation>Lettura dei ricontatti…</translation>
    </message>
    <message>
        <source>%1 open follow-ups, %2 overdue</source>
        <translation>Ricontatti aperti: %1; in ritardo: %2</translation>
    </message>
    <message>
        <source>Sorting…</source>
        <translation>Ordinamento…</translation>
    </message>
    <message>
        <source>Overv&amp;iew</source>
        <translation>Pa&amp;noramica</translation>
    </message>
    <message>
        <source>Filtered by %1</source>
        <translation>Filtrate per %1</translation>
    </message>
    <message>
        <source>Could not read the overview: %1</source>
        <translation>Impossibile leggere la panoramica: %1</translation>
    </message>
    <message>
        <source>Export calls as CSV</source>
        <translation>Esporta le chiamate in CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export a PDF report</source>
        <translation>Esporta un report PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export a PDF summary</source>
        <translation>Esporta un riepilogo PDF</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>Un'esportazione è già in corso.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1</source>
        <translation>
            <numerusform>%n chiamata esportata in %1</numerusform>
            <numerusform>%n chiamate esportate in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Esportazione annullata.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Esportazione non riuscita: %1</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passi</translation>
    </message>
    <message>
        <source>Missed steps</source>
        <translation>Passi saltati</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <source>What each decision showed</source>
        <translation>Che cosa ha mostrato ogni decisione</translation>
    </message>
    <message>
        <source>Play &amp;again (Ctrl+R)</source>
        <translation>Ri&amp;peti (Ctrl+R)</translation>
    </message>
    <message>
        <source>Play the same call again</source>
        <translation>Ripeti la stessa chiamata</translation>
    </message>
    <message>
        <source>The answers come in a new order; this result stays saved</source>
        <translation>Le risposte arrivano in un ordine nuovo; questo risultato resta salvato</translation>
    </message>
    <message>
        <source>A&amp;nother call (Ctrl+N)</source>
        <translation>&amp;Un'altra chiamata (Ctrl+N)</translation>
    </message>
    <message>
        <source>Choose another sample call</source>
        <translation>Scegli un'altra chiamata di esempio</translation>
    </message>
    <message>
        <source>&amp;History (Ctrl+H)</source>
        <translation>&amp;Storico (Ctrl+H)</translation>
    </message>
    <message>
        <source>Show the history of scores</source>
        <translation>Mostra lo storico dei punteggi</translation>
    </message>
    <message>
        <source>&amp;Retry saving</source>
        <translation>&amp;Riprova a salvare</translation>
    </message>
    <message>
        <source>Retry saving the result</source>
        <translation>Riprova a salvare il risultato</translation>
    </message>
    <message>
        <source>Decision {number}: right at the first try, {step} shown. 1 point.</source>
        <translation>Decisione {number}: giusta al primo colpo, passo {step} mostrato. 1 punto.</translation>
    </message>
    <message>
        <source>Decision {number}: right at the first try. 1 point.</source>
        <translation>Decisione {number}: giusta al primo colpo. 1 punto.</translation>
    </message>
    <message>
        <source>Decision {number}: right at attempt {attempt}, {step} missed. No point.</source>
        <translation>Decisione {number}: giusta al tentativo {attempt}, passo {step} saltato. Nessun punto.</translation>
    </message>
    <message>
        <source>Decision {number}: right at attempt {attempt}. No point.</source>
        <translation>Decisione {number}: giusta al tentativo {attempt}. Nessun punto.</translation>
    </message>
    <message>
        <source>Your words: {words}</source>
        <translation>Le tue parole: {words}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuna)</translation>
    </message>
    <message>
        <source>Model answer: {answer}</source>
        <translation>Risposta modello: {answer}</translation>
    </message>
    <message>
        <source>Score: {score} of {max}</source>
        <translation>Punteggio: {score} su {max}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuna</translation>
    </message>
    <message>
        <source>Steps shown: {shown}. Steps missed: {missed}.</source>
        <translation>Passi mostrati: {shown}. Passi saltati: {missed}.</translation>
    </message>
</context>
<context>
    <name>ScreenPop</name>
    <message>
        <source>A phone event came too late (%1) and was ignored: your phone was told it was not delivered.</source>
        <translation>Un evento del telefono è arrivato troppo tardi (%1) ed è stato ignorato: al telefono risulta non consegnato.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search: name, phone, email or company (Ctrl+F)</source>
        <translation>Cerca: nome, telefono, email o azienda (Ctrl+F)</translation>
    </message>
    <message>
        <source>Customer search</source>
        <translation>Ricerca clienti</translation>
    </message>
    <message>
        <source>Matching customers</source>
        <translation>Clienti trovati</translation>
    </message>
    <message>
        <source>Enter opens the selected customer.</source>
        <translation>Invio apre il cliente selezionato.</translation>
    </message>
    <message>
        <source>Type a name, phone number, email or company. Enter opens the top match, or creates a new customer from what you typed. Shift+F1 repeats this help.</source>
        <translation>Scrivi un nome, un numero di telefono, un'email o un'azienda. Invio apre il primo risultato, oppure crea un nuovo cliente da quello che hai scritto. Maiusc+F1 ripete questo aiuto.</translation>
    </message>
    <message>
        <source>Enter opens the top match or creates a customer. Shift+F1: help.</source>
        <translation>Invio apre il primo risultato o crea un cliente. Maiusc+F1: aiuto.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Ricerca non riuscita: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) found; Enter opens the first.</source>
        <translation>
            <numerusform>%n cliente trovato; Invio lo apre.</numerusform>
            <numerusform>%n clienti trovati; Invio apre il primo.</numerusform>
        </translation>
    </message>
    <message>
        <source>No match: Enter creates a new customer.</source>
        <translation>Nessun risultato: Invio crea un nuovo cliente.</translation>
    </message>
</context>
<context>
    <name>ServerUnreachableDialog</name>
    <message>
        <source>The database server cannot be reached</source>
        <translation>Il server del database non è raggiungibile</translation>
    </message>
    <message>
        <source>CallAssist could not connect to its database server %1.</source>
        <translation>CallAssist non è riuscito a collegarsi al suo server del database %1.</translation>
    </message>
    <message>
        <source>Check that this computer is on the network and that the server is running, or ask whoever looks after the server. Then try again.</source>
        <translation>Controlla che questo computer sia in rete e che il server sia acceso, oppure chiedi a chi gestisce il server. Poi riprova.</translation>
    </message>
    <message>
        <source>The server does not offer an encrypted (TLS) connection, which CallAssist requires for a server on another computer, so that passwords and customers' data never cross the network in clear. Ask whoever looks after the server to turn TLS on (the README says how).</source>
        <translation>Il server non offre una connessione cifrata (TLS), che CallAssist richiede per un server su un altro computer, perché password e dati dei clienti non passino mai in chiaro sulla rete. Chiedi a chi gestisce il server di attivare TLS (il README spiega come).</translation>
    </message>
    <message>
        <source>The server said: %1</source>
        <translation>Il server ha risposto: %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Connecting to the database server %1…</source>
        <translation>Collegamento al server del database %1…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>CallAssist — settings</source>
        <translation>CallAssist — impostazioni</translation>
    </message>
    <message>
        <source>Your name comes from your login on the team server.</source>
        <translation>Il nome è il tuo nome utente sul server del team.</translation>
    </message>
    <message>
        <source>the method's own checklist</source>
        <translation>la checklist del metodo</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Sfoglia…</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Lingua dell'interfaccia</translation>
    </message>
    <message>
        <source>Applied at once.</source>
        <translation>Si applica subito.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Nome dell'operatore</translation>
    </message>
    <message>
        <source>Calls and feedback are signed with it, from now on.</source>
        <translation>Da ora in poi chiamate e feedback vengono firmati con questo nome.</translation>
    </message>
    <message>
        <source>Checklist file</source>
        <translation>File della checklist</translation>
    </message>
    <message>
        <source>A team's own checklist in TOML; used from the next start.</source>
        <translation>La checklist del tuo team in formato TOML; viene usata dal prossimo avvio.</translation>
    </message>
    <message>
        <source>Browse for a checklist file</source>
        <translation>Cerca un file di checklist</translation>
    </message>
    <message>
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mesi</translation>
    </message>
    <message>
        <source>Delete calls older than</source>
        <translation>Cancella le chiamate più vecchie di</translation>
    </message>
    <message>
        <source>Calls older than this many months are deleted at start-up. Never by default.</source>
        <translation>Le chiamate più vecchie di questo numero di mesi vengono cancellate all'avvio. Mai, se non lo scegli.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation>Nome dell'&amp;operatore:</translation>
    </message>
    <message>
        <source>&amp;Checklist file:</source>
        <translation>File della &amp;checklist:</translation>
    </message>
    <message>
        <source>&amp;Delete calls older than:</source>
        <translation>Cancella le chiamate più &amp;vecchie di:</translation>
    </message>
    <message>
        <source>Bac&amp;kups folder:</source>
        <translation>Cartella dei &amp;backup:</translation>
    </message>
    <message>
        <source>Keep da&amp;ily backups:</source>
        <translation>Backup &amp;giornalieri da tenere:</translation>
    </message>
    <message>
        <source>Keep &amp;weekly backups:</source>
        <translation>Backup setti&amp;manali da tenere:</translation>
    </message>
    <message>
        <source>A new checklist file takes effect the next time CallAssist starts.</source>
        <translation>Il nuovo file di checklist avrà effetto al prossimo avvio di CallAssist.</translation>
    </message>
    <message>
        <source>Backups folder</source>
        <translation>Cartella dei backup</translation>
    </message>
    <message>
        <source>Where the daily backups go; another disk keeps them safe if this one fails. Blank: %1</source>
        <translation>Dove vanno i backup giornalieri; su un altro disco restano al sicuro se questo si guasta. Vuoto: %1</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Sfogli&amp;a…</translation>
    </message>
    <message>
        <source>Browse for a backups folder</source>
        <translation>Scegli una cartella per i backup</translation>
    </message>
    <message>
        <source>Keep daily backups</source>
        <translation>Backup giornalieri da tenere</translation>
    </message>
    <message>
        <source>The newest backup of each of this many days is kept.</source>
        <translation>Si tiene il backup più recente di ciascuno di questi giorni.</translation>
    </message>
    <message>
        <source>Keep weekly backups</source>
        <translation>Backup settimanali da tenere</translation>
    </message>
    <message>
        <source>The newest backup of each of this many weeks is kept as well.</source>
        <translation>Si tiene anche il backup più recente di ciascuna di queste settimane.</translation>
    </message>
    <message>
        <source>Choose a backups folder</source>
        <translation>Scegli una cartella per i backup</translation>
    </message>
    <message>
        <source>Choose a checklist file</source>
        <translation>Scegli un file di checklist</translation>
    </message>
    <message>
        <source>Checklist (*.toml)</source>
        <translation>Checklist (*.toml)</translation>
    </message>
    <message>
        <source>Please type a name: calls and feedback are signed with it.</source>
        <translation>Scrivi un nome: serve a firmare chiamate e feedback.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Sample call</source>
        <translation>Chiamata di esempio</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>Situazione</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisioni</translation>
    </message>
    <message>
        <source>&amp;Trainee:</source>
        <translation>&amp;Corsista:</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Corsista</translation>
    </message>
    <message>
        <source>Type the trainee's name; it is remembered for next time</source>
        <translation>Scrivi il nome del corsista; verrà ricordato per la prossima volta</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Scrivi un nome</translation>
    </message>
    <message>
        <source>&amp;Language of the calls:</source>
        <translation>&amp;Lingua delle chiamate:</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglese</translation>
    </message>
    <message>
        <source>Language of the calls</source>
        <translation>Lingua delle chiamate</translation>
    </message>
    <message>
        <source>Your &amp;words first: type what you would say, then see the answers</source>
        <translation>Prima le tue &amp;parole: scrivi cosa diresti, poi vedi le risposte</translation>
    </message>
    <message>
        <source>Your words first</source>
        <translation>Prima le tue parole</translation>
    </message>
    <message>
        <source>At each decision the trainee types an answer before the answers are shown; the words are kept with the result</source>
        <translation>A ogni decisione il corsista scrive la sua risposta prima di vedere quelle proposte; le parole restano salvate con il risultato</translation>
    </message>
    <message>
        <source>&amp;Sample calls:</source>
        <translation>Chiamate di &amp;esempio:</translation>
    </message>
    <message>
        <source>Sample calls</source>
        <translation>Chiamate di esempio</translation>
    </message>
    <message>
        <source>Choose a sample call; Enter starts it</source>
        <translation>Scegli una chiamata di esempio; Invio la avvia</translation>
    </message>
    <message>
        <source>&amp;Open a sample-call file…</source>
        <translation>Apri un &amp;file di chiamata di esempio…</translation>
    </message>
    <message>
        <source>Open a sample-call file</source>
        <translation>Apri un file di chiamata di esempio</translation>
    </message>
    <message>
        <source>Walk through a sample call written by you (Ctrl+O)</source>
        <translation>Esercitati su una chiamata di esempio scritta da te (Ctrl+O)</translation>
    </message>
    <message>
        <source>St&amp;art (Ctrl+Return)</source>
        <translation>A&amp;vvia (Ctrl+Invio)</translation>
    </message>
    <message>
        <source>Start the walkthrough</source>
        <translation>Avvia l'esercitazione</translation>
    </message>
    <message>
        <source>Summary of the sample call</source>
        <translation>Riepilogo della chiamata di esempio</translation>
    </message>
    <message>
        <source>A sample call could not be loaded:
{problems}</source>
        <translation>Impossibile caricare una chiamata di esempio:
{problems}</translation>
    </message>
    <message>
        <source>Choose a sample call first.</source>
        <translation>Prima scegli una chiamata di esempio.</translation>
    </message>
    <message>
        <source>Sample calls (*.toml);;All files (*)</source>
        <translation>Chiamate di esempio (*.toml);;Tutti i file (*)</translation>
    </message>
</context>
<context>
    <name>StepGridModel</name>
    <message>
        <source>Whole team</source>
        <translation>Tutto il team</translation>
    </message>
    <message>
        <source>Calls: %1</source>
        <translation>Chiamate: %1</translation>
    </message>
    <message>
        <source>%1, %2: no calls with this step</source>
        <translation>%1, %2: nessuna chiamata con questo passo</translation>
    </message>
    <message>
        <source>%1, %2: ticked on %3 of %4 calls (%5)</source>
        <translation>%1, %2: spuntato in %3 chiamate su %4 (%5)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Chiamate</translation>
    </message>
    <message>
        <source>%1: share of calls where the step was ticked</source>
        <translation>%1: quota di chiamate in cui il passo è stato spuntato</translation>
    </message>
</context>
<context>
    <name>TrainerChecklist</name>
    <message>
        <source>Checklist</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Ticks the steps your first choices showed; greyed steps are not practised in this call</source>
        <translation>Spunta i passi mostrati dalle tue prime scelte; i passi in grigio non si esercitano in questa chiamata</translation>
    </message>
    <message>
        <source>Greyed: not practised in this call.</source>
        <translation>In grigio: non si esercitano in questa chiamata.</translation>
    </message>
    <message>
        <source>Not practised in this call.</source>
        <translation>Non si esercita in questa chiamata.</translation>
    </message>
    <message>
        <source>{step}: {shown} of {tested}</source>
        <translation>{step}: {shown} su {tested}</translation>
    </message>
    <message>
        <source>{step}: missed</source>
        <translation>{step}: saltato</translation>
    </message>
    <message>
        <source>Step shown: {step}</source>
        <translation>Passo mostrato: {step}</translation>
    </message>
    <message>
        <source>Step missed: {step}</source>
        <translation>Passo saltato: {step}</translation>
    </message>
</context>
<context>
    <name>TrainerKeys</name>
    <message>
        <source>start the selected sample call (Enter in the list too)</source>
        <translation>avvia la chiamata di esempio scelta (anche Invio nell'elenco)</translation>
    </message>
    <message>
        <source>walk through a sample-call file of your own</source>
        <translation>esercitati su un tuo file di chiamata di esempio</translation>
    </message>
    <message>
        <source>next turn of the call; after the last, the score</source>
        <translation>turno successivo della chiamata; dopo l'ultimo, il punteggio</translation>
    </message>
    <message>
        <source>choose answer 1 … 4 (a new order each play)</source>
        <translation>scegli la risposta 1 … 4 (in un ordine nuovo a ogni prova)</translation>
    </message>
    <message>
        <source>presenter mode: reveal the answers</source>
        <translation>modalità presentazione: mostra le risposte</translation>
    </message>
    <message>
        <source>"your words first": keep the words typed and show the answers</source>
        <translation>«prima le tue parole»: conserva le parole scritte e mostra le risposte</translation>
    </message>
    <message>
        <source>presenter mode on / off (large type, full screen)</source>
        <translation>modalità presentazione sì / no (caratteri grandi, schermo intero)</translation>
    </message>
    <message>
        <source>leave presenter mode</source>
        <translation>esci dalla modalità presentazione</translation>
    </message>
    <message>
        <source>score screen: play the same call again (the result stays saved)</source>
        <translation>punteggio: ripeti la stessa chiamata (il risultato resta salvato)</translation>
    </message>
    <message>
        <source>score screen: back to the list for another call</source>
        <translation>punteggio: torna all'elenco per un'altra chiamata</translation>
    </message>
    <message>
        <source>history of scores</source>
        <translation>storico dei punteggi</translation>
    </message>
    <message>
        <source>progress of the class: each trainee's weakest step, steps across sessions</source>
        <translation>progressi della classe: il passo più debole di ciascun corsista, i passi sessione dopo sessione</translation>
    </message>
    <message>
        <source>class session: one call projected, each trainee's answer recorded</source>
        <translation>sessione di classe: una chiamata proiettata, la risposta di ogni corsista registrata</translation>
    </message>
    <message>
        <source>class session: record / clear the answer of the trainee on the current row</source>
        <translation>sessione di classe: registra / cancella la risposta del corsista sulla riga corrente</translation>
    </message>
    <message>
        <source>class session: show the right answer (then go on) / show it before everyone answered</source>
        <translation>sessione di classe: mostra la risposta giusta (poi si va avanti) / mostrala prima che tutti abbiano risposto</translation>
    </message>
    <message>
        <source>class session: save to each trainee's history / a new class session</source>
        <translation>sessione di classe: salva nello storico di ogni corsista / una nuova sessione di classe</translation>
    </message>
    <message>
        <source>the list of the trainer's keys</source>
        <translation>l'elenco dei tasti dell'esercitazione</translation>
    </message>
</context>
<context>
    <name>TrainerKeysDialog</name>
    <message>
        <source>Trainer: keys</source>
        <translation>Esercitazione: tasti</translation>
    </message>
    <message>
        <source>The trainer's keys</source>
        <translation>I tasti dell'esercitazione</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Close the list of keys</source>
        <translation>Chiudi l'elenco dei tasti</translation>
    </message>
</context>
<context>
    <name>TrainerWindow</name>
    <message>
        <source>CallAssist trainer</source>
        <translation>CallAssist — formazione</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>Esercitazione</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Storico</translation>
    </message>
    <message>
        <source>The trainees could not be read: {reason}</source>
        <translation>Impossibile leggere i corsisti: {reason}</translation>
    </message>
    <message>
        <source>This file cannot be used:
{problems}</source>
        <translation>Questo file non si può usare:
{problems}</translation>
    </message>
    <message>
        <source>The trainee could not be saved: {reason}</source>
        <translation>Impossibile salvare il corsista: {reason}</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progressi</translation>
    </message>
    <message>
        <source>Class session</source>
        <translation>Sessione di classe</translation>
    </message>
    <message>
        <source>&amp;Class session</source>
        <translation>Sessione di &amp;classe</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Storico</translation>
    </message>
    <message>
        <source>&amp;Progress of the class</source>
        <translation>&amp;Progressi della classe</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Tasti</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Esercitazione</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>Type the trainee's name first.</source>
        <translation>Prima scrivi il nome del corsista.</translation>
    </message>
    <message>
        <source>The result could not be saved ({reason}); it is kept here: retry when the database is available.</source>
        <translation>Impossibile salvare il risultato ({reason}); resta qui: riprova quando il database è disponibile.</translation>
    </message>
    <message>
        <source>Saved for {name}.</source>
        <translation>Salvato per {name}.</translation>
    </message>
    <message>
        <source>The class's results could not be written to a file either ({reason}).</source>
        <translation>Non è stato possibile scrivere i risultati della classe nemmeno in un file ({reason}).</translation>
    </message>
    <message>
        <source>The class's results were written to {path}</source>
        <translation>I risultati della classe sono stati scritti in {path}</translation>
    </message>
    <message>
        <source>Score not saved yet</source>
        <translation>Punteggio non ancora salvato</translation>
    </message>
    <message>
        <source>The database is not accepting the score right now ({reason}), so it is not saved yet.</source>
        <translation>Il database al momento non accetta il punteggio ({reason}), quindi non è ancora salvato.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <source>Save to a file and close</source>
        <translation>Salva in un file e chiudi</translation>
    </message>
    <message>
        <source>Save to a file and go on</source>
        <translation>Salva in un file e continua</translation>
    </message>
    <message>
        <source>Keep the window open</source>
        <translation>Lascia aperta la finestra</translation>
    </message>
    <message>
        <source>Keep the score on screen</source>
        <translation>Lascia il punteggio sullo schermo</translation>
    </message>
    <message>
        <source>The score could not be written to a file either ({reason}).</source>
        <translation>Non è stato possibile scrivere il punteggio nemmeno in un file ({reason}).</translation>
    </message>
    <message>
        <source>Score not saved</source>
        <translation>Punteggio non salvato</translation>
    </message>
    <message>
        <source>The score was written to {path}</source>
        <translation>Il punteggio è stato scritto in {path}</translation>
    </message>
    <message>
        <source>Score kept</source>
        <translation>Punteggio conservato</translation>
    </message>
    <message>
        <source>Presenter mode on</source>
        <translation>Modalità presentazione attiva</translation>
    </message>
    <message>
        <source>Presenter mode off</source>
        <translation>Modalità presentazione disattivata</translation>
    </message>
</context>
<context>
    <name>WaitingCallerBar</name>
    <message>
        <source>Waiting caller</source>
        <translation>Chiamante in attesa</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>Apri ora</translation>
    </message>
    <message>
        <source>Opens the waiting caller. Shortcut: %1.</source>
        <translation>Apre il chiamante in attesa. Scorciatoia: %1.</translation>
    </message>
    <message>
        <source>New caller: %1. Not a customer yet: Start call (Ctrl+Return) adds them, or type their name in the search.</source>
        <translation>Nuovo chiamante: %1. Non è ancora un cliente: Avvia chiamata (Ctrl+Invio) lo aggiunge, oppure scrivi il suo nome nella ricerca.</translation>
    </message>
    <message>
        <source>Start call</source>
        <translation>Avvia chiamata</translation>
    </message>
    <message>
        <source>Adds the new caller as a customer and starts the call. Shortcut: Ctrl+Return.</source>
        <translation>Aggiunge il nuovo chiamante ai clienti e avvia la chiamata. Scorciatoia: Ctrl+Invio.</translation>
    </message>
    <message>
        <source>New caller %1 is calling: shown as soon as this call is closed.</source>
        <translation>Nuovo chiamante in linea: %1. Compare appena chiudi questa chiamata.</translation>
    </message>
    <message>
        <source>%1 is calling: opens as soon as this call is closed.</source>
        <translation>Sta chiamando %1: la sua scheda si apre appena chiudi questa chiamata.</translation>
    </message>
    <message>
        <source>New caller %1 is calling.</source>
        <translation>Nuovo chiamante in linea: %1.</translation>
    </message>
    <message>
        <source>%1 is calling.</source>
        <translation>Sta chiamando %1.</translation>
    </message>
    <message>
        <source>Open when the call ends</source>
        <translation>Apri a fine chiamata</translation>
    </message>
    <message>
        <source>Opens the caller as soon as the outcome of this call is chosen. Shortcut: %1.</source>
        <translation>Apre il chiamante appena scegli l'esito di questa chiamata. Scorciatoia: %1.</translation>
    </message>
    <message>
        <source>New caller %1 is waiting.</source>
        <translation>Nuovo chiamante in attesa: %1.</translation>
    </message>
    <message>
        <source>%1 is waiting.</source>
        <translation>%1 è in attesa.</translation>
    </message>
</context>
<context>
    <name>WordsPanel</name>
    <message>
        <source>&amp;Your words:</source>
        <translation>Le tue pa&amp;role:</translation>
    </message>
    <message>
        <source>Your words</source>
        <translation>Le tue parole</translation>
    </message>
    <message>
        <source>Type what you would say to the customer, then press Ctrl+Return to show the answers</source>
        <translation>Scrivi cosa diresti al cliente, poi premi Ctrl+Invio per vedere le risposte</translation>
    </message>
    <message>
        <source>(no words typed)</source>
        <translation>(nessuna parola scritta)</translation>
    </message>
    <message>
        <source>What would you say? (Ctrl+Return shows the answers)</source>
        <translation>Che cosa diresti? (Ctrl+Invio mostra le risposte)</translation>
    </message>
    <message>
        <source>Show the &amp;answers (Ctrl+Return)</source>
        <translation>Mostra le rispost&amp;e (Ctrl+Invio)</translation>
    </message>
    <message>
        <source>Show the answers</source>
        <translation>Mostra le risposte</translation>
    </message>
    <message>
        <source>Keeps your words and shows the answers to choose the closest</source>
        <translation>Conserva le tue parole e mostra le risposte, per scegliere la più vicina</translation>
    </message>
    <message>
        <source>Model answer (step: {step}):</source>
        <translation>Risposta modello (passo: {step}):</translation>
    </message>
    <message>
        <source>Model answer (step: {step})</source>
        <translation>Risposta modello (passo: {step})</translation>
    </message>
    <message>
        <source>Model answer:</source>
        <translation>Risposta modello:</translation>
    </message>
    <message>
        <source>Model answer</source>
        <translation>Risposta modello</translation>
    </message>
</context>
<context>
    <name>WriteQueue</name>
    <message>
        <source>an unexpected error inside CallAssist (the details are in the log file)</source>
        <translation>un errore imprevisto in CallAssist (i dettagli sono nel file di log)</translation>
    </message>
</context>
</TS>