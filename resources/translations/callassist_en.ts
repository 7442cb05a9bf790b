<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CallSession</name>
    <message numerus="yes">
        <source>%n customers have the number %1: choose one and press Enter.</source>
        <translation>
            <numerusform>%n customer has the number %1: press Enter.</numerusform>
            <numerusform>%n customers have the number %1: choose one and press Enter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowUpBoardModel</name>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>Overdue by %n day</numerusform>
            <numerusform>Overdue by %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Due in %n day(s)</source>
        <translation>
            <numerusform>Due in %n day</numerusform>
            <numerusform>Due in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message numerus="yes">
        <source>%n call(s) match</source>
        <translation>
            <numerusform>%n call matches</numerusform>
            <numerusform>%n calls match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1</source>
        <translation>
            <numerusform>Exported %n call to %1</numerusform>
            <numerusform>Exported %n calls to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n customer(s) found; Enter opens the first.</source>
        <translation>
            <numerusform>%n customer found; Enter opens it.</numerusform>
            <numerusform>%n customers found; Enter opens the first.</numerusform>
        </translation>
    </message>
</context>
</TS>
