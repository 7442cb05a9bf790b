"""The words of the demo data: Italian names, companies, phone prefixes and the sentences
that notes and feedback are made of. Only data; ``demo_data_rows`` makes the choices."""

from __future__ import annotations

MALE = (
    "Alessandro Andrea Angelo Antonio Alberto Alessio Carlo Claudio Cristian Daniele Dario "
    "Davide Diego Domenico Edoardo Emanuele Enrico Enzo Fabio Fabrizio Federico Filippo "
    "Francesco Franco Gabriele Giacomo Gianluca Gianni Giorgio Giovanni Giulio Giuseppe "
    "Giancarlo Gino Leonardo Lorenzo Luca Luciano Luigi Manuel Marcello Marco Mario Massimo "
    "Matteo Mattia Maurizio Michele Mirko Nicola Niccolò Paolo Pasquale Pietro Raffaele "
    "Renato Riccardo Roberto Rocco Salvatore Samuele Sergio Silvio Simone Stefano Tommaso "
    "Umberto Valerio Vincenzo Vittorio Walter Ettore Bruno Corrado"
).split()
FEMALE = (
    "Alessandra Alessia Alice Angela Anna Antonella Arianna Aurora Barbara Beatrice Benedetta "
    "Bianca Camilla Carla Carolina Caterina Chiara Cinzia Claudia Cristina Daniela Debora "
    "Elena Eleonora Elisa Elisabetta Emanuela Emma Erica Federica Francesca Gabriella Giada "
    "Ginevra Giorgia Giovanna Giulia Greta Ilaria Irene Laura Letizia Lucia Luisa Manuela "
    "Margherita Maria Marina Marta Martina Matilde Michela Monica Nadia Noemi Paola Patrizia "
    "Raffaella Rita Roberta Rosa Rossella Sabrina Sara Serena Silvia Simona Sofia Stefania "
    "Teresa Valentina Valeria Vanessa Veronica Viola Vittoria Lucrezia"
).split()
SURNAMES = (
    "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti "
    "De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani "
    "Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra "
    "Coppola De_Santis D'Angelo Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco "
    "Marini Grasso Valentini Messina Sala De_Angelis Gatti Pellegrini Palumbo Sanna Farina "
    "Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza Testa Grassi Pellegrino Carbone "
    "Giuliani Benedetti Barone Rossetti Caputo Montanari Guerra Palmieri Bernardi Martino "
    "Fiore De_Rosa Ferretti Bellini Basile Riva Donati Piras Vitali Battaglia Sartori Neri "
    "Costantini Milani Pagano Ruggiero Sorrentino D'Amico Orlando Damico Negri Fumagalli "
    "Esposti Mele Bassi Brambilla Cirillo Colonna Fadda Melis Moro Pace Pagani Riccardi "
    "Rocca Sartor Tedesco Toscano Valente Zanetti Zanella Zanon Bertolini Bonetti Calabrese "
    "Castelli Cocco Corsi D'Agostino Di_Stefano Falco Ferro Gallo Giorgi Lupo Mazzoni "
    "Montalbano Musso Nardi Orsini Parodi Pastore Perrone Poli Porcu Romagnoli Ruggeri "
    "Santini Sorrentini Spina Tosi Traversa Vaccaro Valenti Villani Zamboni Lodi Cerutti"
).split()
SURNAMES = [s.replace("_", " ") for s in dict.fromkeys(SURNAMES)]

COMPANY_SECTORS = (
    "Impianti", "Costruzioni", "Trasporti", "Informatica", "Elettronica", "Arredamenti",
    "Serramenti", "Alimentari", "Consulenze", "Logistica", "Edilizia", "Tessuti",
    "Ceramiche", "Meccanica", "Servizi", "Forniture", "Ottica", "Grafica", "Termoidraulica",
    "Distribuzione", "Enoteca", "Vivai", "Autoricambi", "Pelletteria",
)
COMPANY_PLACES = (
    "Toscana", "Lombarda", "Veneta", "Adriatica", "Tirrenica", "del Sud", "Emiliana",
    "Ligure", "Sarda", "Sicula", "Padana", "Appenninica", "Romana", "Partenopea", "Alpina",
)
COMPANY_NAMES = (
    "Tecnoservice", "Edilnord", "Elettrosud", "Idealcasa", "Infoteam", "Logimar", "Metalfer",
    "Nuova Luce", "Ortofrutta Sole", "Sistemi Web", "Studio Delta", "Punto Verde",
    "Casa & Giardino", "Arte Legno", "Ferramenta Centrale", "Officina Moderna", "Gruppo Aurora",
    "Sapori Antichi", "Rete Sicura", "Clima Service",
)
LEGAL_FORMS = ("srl", "srl", "srl", "spa", "snc", "sas", "srls")
FREE_MAIL = ("gmail.com", "gmail.com", "gmail.com", "libero.it", "libero.it", "alice.it",
              "tiscali.it", "hotmail.it", "yahoo.it", "virgilio.it", "outlook.it", "tim.it")
LANDLINE = (("02", 8), ("06", 8), ("055", 7), ("011", 7), ("051", 7), ("081", 7),
             ("041", 7), ("010", 7), ("070", 6), ("091", 7))
MOBILE = tuple(str(p) for p in (*range(320, 350), *range(360, 369), *range(380, 394)))

PINNED = (
    "Preferisce essere {chiamato} al mattino",
    "Preferisce essere {chiamato} dopo le 15",
    "Contratto business dal {anno}",
    "Cliente dal {anno}",
    "Preferisce le comunicazioni via email",
    "Non chiamare dopo le 17",
    "Ha un secondo numero per le urgenze: {cell}",
    "Parla meglio inglese che italiano",
    "Referente amministrativo: {referente}",
    "Paga con addebito diretto in conto",
    "Ha già ricevuto un rimborso nel {anno}",
    "Sente poco: parlare lentamente e chiaramente",
    "Piano premium: richiamare entro la giornata",
    "Ha segnalato un disservizio grave nel {anno}: massima attenzione",
)

MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre")
PLANS = ("Base", "Plus", "Premium", "Business", "Famiglia", "Smart")
ALTERNATIVES = (
    "un buono sconto del 10% sul prossimo ordine",
    "la spedizione prioritaria gratuita",
    "la rateizzazione dell'importo in tre mesi",
    "la sostituzione dell'articolo invece del rimborso",
    "un mese di prova del piano superiore",
    "il ritiro in negozio già domani",
    "l'intervento del tecnico la prossima settimana senza costi",
)

# Opening sentences: why the customer called. {placeholders} are filled once, up front.
TOPICS = {
    "billing": (
        "Chiama per la fattura di {mese}: l'importo di {importo} non è quello che si aspettava.",
        "Chiede spiegazioni su un addebito di {importo} nell'ultima fattura.",
        "Segnala un doppio addebito sulla carta per l'ordine n. {ordine}.",
        "Non riesce a scaricare la fattura di {mese} dall'area clienti.",
        "Vuole capire perché la bolletta di {mese} è più alta del solito.",
    ),
    "delivery": (
        "L'ordine n. {ordine} doveva arrivare {giorni} giorni fa e non è ancora stato consegnato.",
        "Il corriere risulta passato ma il pacco non è mai arrivato.",
        "Il tracking dell'ordine n. {ordine} è fermo da {giorni} giorni.",
        "Consegna in ritardo: aspettava il materiale per {mese} e non ha notizie.",
        "Il pacco è arrivato danneggiato, chiede come fare il reso.",
    ),
    "password": (
        "Non riesce più ad accedere all'area clienti: la password non viene accettata.",
        "Ha chiesto il reset della password ma il link non funziona.",
        "Account bloccato dopo troppi tentativi di accesso.",
        "Ha cambiato numero di telefono e non riceve più il codice di verifica.",
    ),
    "contract": (
        "Vuole passare al piano {piano} dal mese di {mese}.",
        "Chiede come disdire il contratto e se ci sono penali.",
        "Chiede di intestare il contratto a un familiare.",
        "Vuole aggiungere una seconda sede al contratto.",
        "Chiede di cambiare l'indirizzo di fatturazione.",
    ),
    "info": (
        "Chiede informazioni sui tempi di attivazione del servizio.",
        "Vuole sapere se il piano {piano} include l'assistenza nel weekend.",
        "Chiede quali documenti servono per il cambio di intestatario.",
    ),
}
TOPIC_WEIGHTS = (("billing", 30), ("delivery", 25), ("password", 15), ("contract", 20), ("info", 10))

SITUATION_SENTENCES = {
    "real_expert": (
        "Tecnico preparato, aveva già fatto tutte le verifiche: confronto rapido e utile.",
        "Descrizione del guasto molto precisa, ci ha fatto risparmiare parecchio tempo.",
    ),
    "self_styled_expert": (
        "Dice di conoscere il prodotto meglio di noi e cita una versione che non esiste più.",
        "Insiste che il guasto è sui nostri server; annotate le sue affermazioni senza discutere.",
        "Molti termini tecnici e tono da esperto: ho riportato il discorso sul problema concreto.",
    ),
    "aggressive_caller": (
        "Molto alterato fin dall'inizio, alza la voce e interrompe.",
        "Dopo due richiami il tono è rimasto offensivo: chiamata chiusa con cortesia e episodio segnalato.",
        "Insoddisfazione comprensibile ma modi aggressivi; ho mantenuto la calma e ripetuto la proposta.",
    ),
    "exception_seeker": (
        "Chiede un'eccezione perché secondo lui il suo caso è diverso dagli altri.",
        "Vuole il rimborso fuori dai termini; spiegato con chiarezza che non è possibile.",
        "Ripete di essere un cliente storico e di meritare un trattamento speciale.",
    ),
    "low_tech": (
        "Dice che non è arrivato niente: abbiamo controllato insieme la cartella spam e la mail era lì.",
        "Poca dimestichezza con la posta elettronica; guidato passo passo a cercare il messaggio nello spam.",
        "Non trovava la mail di conferma: era finita nello spam, l'abbiamo letta insieme al telefono.",
    ),
    "public_complaint": (
        "Aveva scritto una recensione negativa sui social; risposto in pubblico con cortesia e proseguito qui in privato.",
        "Il caso nasce da un commento pubblico su Facebook: ripreso al telefono con calma.",
    ),
    "over_familiar": (
        "Tono molto confidenziale, dà del tu e racconta fatti personali; riportato con gentilezza al motivo della chiamata.",
        "Simpatico ma tende a divagare; tono cordiale e professionale.",
    ),
    "our_mistake": (
        "L'errore è nostro: avevamo spedito l'articolo sbagliato. Scuse chiare, senza giri di parole.",
        "Addebito sbagliato per un nostro errore di sistema; scuse e storno immediato.",
        "Avevamo promesso un richiamo che non è mai arrivato: scuse e presa in carico diretta.",
    ),
    "impossible_request": (
        "Chiede la consegna in giornata in una zona che non serviamo.",
        "Vuole il rimborso completo più un indennizzo: non si può, cercata una strada diversa.",
        "Proposto: potremmo farlo così, ma con l'altra soluzione ci arriva prima e senza costi, che ne pensa?",
    ),
}
SITUATION_WEIGHTS = {
    "real_expert": 6, "self_styled_expert": 14, "aggressive_caller": 12, "exception_seeker": 14,
    "low_tech": 18, "public_complaint": 6, "over_familiar": 8, "our_mistake": 12,
    "impossible_request": 10,
}

STEP_SENTENCES = {
    "listen": (
        "Lasciato parlare fino in fondo, poi riassunto il problema: confermato.",
        "Ascoltato senza interrompere e ripetuto il problema con parole mie.",
    ),
    "no_blame": (
        "Nessuna discussione su chi ha sbagliato: ci siamo concentrati sulla soluzione.",
        "Evitato di difendere l'azienda, siamo rimasti sui fatti.",
    ),
    "alternative": ("Proposta un'alternativa: {alternativa}.",),
    "ask_opinion": (
        "Chiesto che ne pensa: ha scelto la seconda opzione.",
        "Chiesto il suo parere sulla soluzione, d'accordo.",
    ),
    "way_out": (
        "Lasciato il numero diretto per qualsiasi dubbio.",
        "Concordato il prossimo passo: se entro {giorni} giorni non cambia nulla, richiama e apriamo una pratica.",
    ),
}

OUTCOME_SENTENCES = {
    "resolved": (
        "Problema risolto durante la chiamata.",
        "Risolto: ha confermato che ora funziona.",
        "Chiusa con soddisfazione.",
        "Tutto sistemato, nessuna azione ulteriore.",
    ),
    "follow_up": (
        "Da richiamare dopo la verifica con l'ufficio tecnico.",
        "Follow-up fissato per confermare l'accredito.",
        "Richiamare per sapere se il problema si è ripresentato.",
    ),
    "escalated": (
        "Passato al secondo livello tecnico.",
        "Inoltrato all'amministrazione con priorità alta.",
        "Girato al responsabile di zona.",
    ),
    "not_resolved": (
        "Non risolto: non ha accettato le alternative proposte.",
        "Non siamo riusciti a risolvere; valuterà se disdire.",
        "Chiamata interrotta prima di arrivare a una soluzione.",
    ),
}

FEEDBACK_GOOD = (
    "Ottima gestione: ascolto attento e soluzione chiara.",
    "Bella chiamata, tono calmo anche nei momenti difficili.",
    "Molto bene la proposta alternativa, il cliente si è sentito parte della soluzione.",
    "Chiamata esemplare, da usare in formazione.",
)
FEEDBACK_MISSED = {
    "listen": "Attenzione: hai interrotto il cliente, lascialo finire prima di rispondere.",
    "no_blame": "Evita di difendere l'azienda: resta sul problema e su cosa si può fare.",
    "alternative": "Mancava un'alternativa concreta quando la richiesta non era fattibile.",
    "ask_opinion": "Ricordati di chiedere «che ne pensi?»: la decisione va condivisa.",
    "way_out": "Alla fine serve una via d'uscita: un prossimo passo chiaro per il cliente.",
}
FEEDBACK_GENERIC = "Rivedi i passaggi del metodo che sono mancati in questa chiamata."
SUPERVISORS = ("Giovanna Ferri", "Roberto Galli")
FOLLOW_UP_NOTES = ("Richiamato, tutto a posto.", "Confermato l'accredito.", "Problema risolto.",
                    "Cliente soddisfatto.", "", "Inviata email di riepilogo.")

# How often each shipped step is followed before the operator's own skill is applied.
STEP_BASE = {"listen": 0.97, "no_blame": 0.85, "alternative": 0.6, "ask_opinion": 0.5, "way_out": 0.75}
OPERATOR_SKILL = (0.92, 0.85, 0.8, 0.75, 0.7, 0.65, 0.58, 0.5)
OPERATOR_SHARE = (16, 15, 14, 13, 12, 11, 10, 9)
