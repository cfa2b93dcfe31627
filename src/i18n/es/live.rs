//! Spanish for the live cohort call: the coach's room, the learner's bar, and what
//! `huddle host` and `huddle join` say. Keys are the English text (see docs/translating.md).

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    (
        " Live call · {here} here of {all} · I shows the join code ",
        " Llamada en vivo · {here} presentes de {all} · I muestra el código ",
    ),
    (
        " Message to everyone: {text}▏ (Enter sends, Esc cancels)",
        " Mensaje para todos: {text}▏ (Enter envía, Esc cancela)",
    ),
    (
        " No one has joined yet: paste the join code (I) into the call's chat.",
        " Nadie se ha unido aún: pega el código (I) en el chat de la llamada.",
    ),
    (" · H raises your hand", " · H levanta tu mano"),
    (" · away", " · ausente"),
    (" · held here", " · grupo detenido aquí"),
    (" · stuck?", " · ¿atascado?"),
    (" · ✋ hand", " · ✋ mano"),
    (
        " · ✋ hand raised (H lowers)",
        " · ✋ mano levantada (H la baja)",
    ),
    (" … and {n} more", " … y {n} más"),
    ("--code-file {path}: {e}", "--code-file {path}: {e}"),
    (
        "--relay {url} is not a relay address ({e}); give the https:// address of your group's iroh-relay",
        "--relay {url} no es una dirección de relay ({e}); da la dirección https:// del iroh-relay de tu grupo",
    ),
    (
        "A learner's connection was closed: {why}",
        "Se cerró la conexión de un participante: {why}",
    ),
    (
        "B brings all here · L holds · M message · S solution to all · H lowers a hand",
        "B trae a todos aquí · L detiene · M mensaje · S solución a todos · H baja una mano",
    ),
    ("Coach: {text}", "Coach: {text}"),
    (
        "Everyone is asked to come to step {n}.",
        "Se pidió a todos venir al paso {n}.",
    ),
    (
        "Join code (learners paste it after `huddle join`):\n\n{code}",
        "Código para unirse (se pega después de `huddle join`):\n\n{code}",
    ),
    ("Live call with {coach}", "Llamada en vivo con {coach}"),
    ("Lowered {name}'s hand.", "Bajaste la mano de {name}."),
    ("Message sent to everyone.", "Mensaje enviado a todos."),
    ("No hand is raised.", "No hay manos levantadas."),
    (
        "The call is full ({cap} learners). Ask your coach to start it with a higher --max.",
        "La llamada está llena ({cap} participantes). Pide a tu coach que la inicie con un --max mayor.",
    ),
    (
        "The call stopped: {why}. Your progress is saved on this machine.",
        "La llamada se detuvo: {why}. Tu progreso está guardado en esta computadora.",
    ),
    (
        "The coach asks everyone to come to step {n} · F follows",
        "El coach pide a todos venir al paso {n} · F para seguir",
    ),
    (
        "The coach ended the call. Your progress is saved on this machine.",
        "El coach terminó la llamada. Tu progreso está guardado en esta computadora.",
    ),
    (
        "The coach holds the group at step {n}",
        "El coach detiene al grupo en el paso {n}",
    ),
    (
        "The coach is holding the group at step {n}: wait for the coach, or look back at earlier steps.",
        "El coach detiene al grupo en el paso {n}: espera al coach, o repasa los pasos anteriores.",
    ),
    (
        "The coach showed the solution of step {n} to everyone · F shows it",
        "El coach mostró a todos la solución del paso {n} · F la muestra",
    ),
    (
        "The coach's call did not accept this code: it may be from an earlier call. Ask your coach to paste the join code again.",
        "La llamada del coach no aceptó este código: puede ser de una llamada anterior. Pide a tu coach que pegue el código otra vez.",
    ),
    (
        "The coach's huddle did not understand this huddle's greeting.",
        "El huddle del coach no entendió el saludo de este huddle.",
    ),
    (
        "The coach's huddle speaks live-call version {host} and yours speaks {mine}. Install the same huddle version as your coach.",
        "El huddle del coach usa la versión {host} de la llamada en vivo y el tuyo la {mine}. Instala la misma versión de huddle que tu coach.",
    ),
    (
        "The group is held at step {n}.",
        "El grupo está detenido en el paso {n}.",
    ),
    (
        "The group may move ahead again.",
        "El grupo puede avanzar otra vez.",
    ),
    (
        "The solution of step {n} is shown to everyone.",
        "La solución del paso {n} se muestra a todos.",
    ),
    ("call ended", "llamada terminada"),
    ("connected", "conectado"),
    (
        "connection lost, trying again ({n})",
        "se perdió la conexión, intentando otra vez ({n})",
    ),
    (
        "could not open the call's network connection: {e}",
        "no se pudo abrir la conexión de red de la llamada: {e}",
    ),
    (
        "huddle host: the join code for learners (I shows it again in the player):\n{code}",
        "huddle host: el código para unirse (I lo muestra otra vez en el reproductor):\n{code}",
    ),
    (
        "huddle host: the summaries were not written: {e}",
        "huddle host: no se escribieron los resúmenes: {e}",
    ),
    (
        "huddle host: {n} learner summaries written to {dir} (roll them up with `huddle cohort {dir}`)",
        "huddle host: {n} resúmenes escritos en {dir} (júntalos con `huddle cohort {dir}`)",
    ),
    (
        "huddle join: reaching the coach's huddle…",
        "huddle join: conectando con el huddle del coach…",
    ),
    ("learner {n}", "participante {n}"),
    ("median {time}", "mediana {time}"),
    (
        "most common mistake: {name} ×{n}",
        "error más común: {name} ×{n}",
    ),
    (
        "no answer from the coach's huddle",
        "el huddle del coach no responde",
    ),
    (
        "the join code names no address to reach the coach",
        "el código no dice cómo llegar al coach",
    ),
    (
        "the join code's host key is not valid; copy the whole code again",
        "la clave del código no es válida; copia el código completo otra vez",
    ),
    (
        "the lesson from the coach arrived damaged; join again",
        "la lección del coach llegó dañada; únete otra vez",
    ),
    (
        "this code is for a call over the internet, not one on this machine: join without --local",
        "este código es de una llamada por internet, no en esta computadora: únete sin --local",
    ),
    ("{done} of {of} done", "{done} de {of} listos"),
    ("{id} (from the coach)", "{id} (del coach)"),
    (
        "{time} on step · {tries} tries · {hints} hints",
        "{time} en el paso · {tries} intentos · {hints} pistas",
    ),
    ("Step {n}", "Paso {n}"),
    (
        "Paste the code your coach put in the call's chat (it starts with HUDDLE-).",
        "Pega el código que tu coach puso en el chat de la llamada (empieza con HUDDLE-).",
    ),
    ("Code:", "Código:"),
    ("Your name (optional):", "Tu nombre (opcional):"),
    (
        "Only your name, step, tries, hints and time go to the coach: never your data or answers.",
        "Al coach solo le llegan tu nombre, paso, intentos, pistas y tiempo: nunca tus datos ni tus respuestas.",
    ),
    (
        "Reaching the coach's huddle… Esc stops",
        "Buscando el huddle del coach… Esc detiene",
    ),
    (
        "Enter join · Tab next box · Esc cancel",
        "Enter unirse · Tab otra casilla · Esc cancelar",
    ),
    (" Join a cohort call ", " Unirse a una llamada del grupo "),
    (
        "join a cohort call: paste the code your coach gave",
        "unirse a una llamada del grupo: pega el código de tu coach",
    ),
    (
        "You left the call. Your progress is kept on this computer.",
        "Saliste de la llamada. Tu progreso queda guardado en esta computadora.",
    ),
    ("could not start dialing", "no se pudo empezar a llamar"),
    (
        "could not reach the coach's huddle; try again",
        "no se pudo llegar al huddle del coach; intenta otra vez",
    ),
    (
        "table `{table}` is not sent: the lesson does not mark it `sample = true`",
        "la tabla `{table}` no se envía: la lección no la marca `sample = true`",
    ),
    (
        "--share-data: table `{table}`: {e}",
        "--share-data: tabla `{table}`: {e}",
    ),
    (
        "--share-data sends at most {cap} KB of sample data, and table `{table}` ({file}) takes it past that. Ask learners to install the lesson with its data, or host without --share-data",
        "--share-data envía como máximo {cap} KB de datos de ejemplo, y la tabla `{table}` ({file}) pasa de eso. Pide a las personas que instalen la lección con sus datos, o abre la llamada sin --share-data",
    ),
    (
        "--share-data: none of this lesson's tables is marked `sample = true`, so there is nothing that may be sent. Mark made-up or public sample tables in the lesson (see docs/live-call.md)",
        "--share-data: ninguna tabla de esta lección está marcada `sample = true`, así que no hay nada que se pueda enviar. Marca en la lección las tablas de ejemplo inventadas o públicas (ver docs/live-call.md)",
    ),
    (
        "the sample data from the coach arrived damaged; join again",
        "los datos de ejemplo del coach llegaron dañados; únete otra vez",
    ),
    (
        "the coach sent more sample data than huddle takes in; ask your coach",
        "el coach envió más datos de ejemplo de los que huddle acepta; pregúntale a tu coach",
    ),
];
