//! Spanish for what a real session asked of the player: which box has the keys,
//! the end of a lesson with steps still open, the coach panel's scrolling, choosing
//! the table an own file is for, and `huddle check`'s warning on SQL hints.

pub const TABLE: &[(&str, &str)] = &[
    (
        "{title} · typing, Esc leaves",
        "{title} · escribiendo, Esc sale",
    ),
    (
        "{title} · Enter or a to type",
        "{title} · Enter o a para escribir",
    ),
    (
        "Pick one · ↑↓ then Enter checks",
        "Elige una · ↑↓ y Enter revisa",
    ),
    (
        "Pick one · Enter or 1-9 to choose",
        "Elige una · Enter o 1-9 para elegir",
    ),
    (
        "You reached the end of “{title}”.",
        "Llegaste al final de “{title}”.",
    ),
    (
        "The lesson is finished when every exercise is solved or shown: steps {steps} are still to do.",
        "La lección termina cuando cada ejercicio está resuelto o con la solución vista: aún faltan los pasos {steps}.",
    ),
    (" End of the lesson ", " Fin de la lección "),
    (" J: more ↓ ", " J: más ↓ "),
    (" K: back ↑ ", " K: volver ↑ "),
    (
        "coach: scroll the coach panel down / up",
        "coach: desplazar el panel del coach abajo / arriba",
    ),
];
