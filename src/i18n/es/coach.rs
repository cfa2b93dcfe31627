//! Spanish for coach mode: the coach panel, the go-to-step list and the call timer.

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    (" Coach · {clock} ", " Coach · {clock} "),
    (
        " C hide · T timer · g go to ",
        " C ocultar · T reloj · g ir a ",
    ),
    ("Step {k} of {n} · {kind}", "Paso {k} de {n} · {kind}"),
    (
        "Learner: {status} · {tries} tries · {hints} of {all} hints",
        "Aprendiz: {status} · {tries} intentos · {hints} de {all} pistas",
    ),
    ("Notes: ", "Notas: "),
    ("Notes", "Notas"),
    (
        "No coach notes for this step.",
        "Este paso no tiene notas para el coach.",
    ),
    ("Mistakes", "Errores comunes"),
    ("answer ", "respuesta "),
    ("Answer", "Respuesta"),
    ("Solution", "Solución"),
    ("Solution ops", "Operaciones de la solución"),
    ("The step's query", "La consulta del paso"),
    ("could not compute: {e}", "no se pudo calcular: {e}"),
    (
        "= (the data is still loading)",
        "= (los datos todavía se están cargando)",
    ),
    ("= (computing…)", "= (calculando…)"),
    (
        "the right choice is {k} of {n}",
        "la opción correcta es la {k} de {n}",
    ),
    ("not seen", "sin ver"),
    ("open", "abierto"),
    ("✓ done", "✓ hecho"),
    ("solution shown", "solución vista"),
    ("skipped", "saltado"),
    (
        "Type a step number, or choose with ↑ ↓",
        "Escribe el número de un paso, o elige con ↑ ↓",
    ),
    ("Go to step {typed}▏", "Ir al paso {typed}▏"),
    (
        "Enter go · ↑ ↓ choose · Esc close · a jump never marks a step done",
        "Enter ir · ↑ ↓ elegir · Esc cerrar · saltar nunca marca un paso como hecho",
    ),
    (" Go to step ", " Ir al paso "),
    (
        "There is no step {typed} (1 to {n}).",
        "No hay paso {typed} (de 1 a {n}).",
    ),
    ("↻ reloaded {name}", "↻ {name} recargado"),
    (
        " The lesson file has errors: the last good version is still running ",
        " El archivo de la lección tiene errores: sigue la última versión buena ",
    ),
    (
        "type your answer, then Enter",
        "escribe tu respuesta y luego Enter",
    ),
    (
        "write a query: SELECT ... FROM ...",
        "escribe una consulta: SELECT ... FROM ...",
    ),
    (
        "write a few words for your next coaching call, then Enter",
        "escribe unas palabras para tu próxima llamada con tu coach y luego Enter",
    ),
    (
        "could not compute it on this data",
        "no se pudo calcular con estos datos",
    ),
    (
        "Computing the answer for the coach",
        "Calculando la respuesta para el coach",
    ),
    (
        "--watch needs a lesson file on disk: huddle run path/to/lesson.toml --watch",
        "--watch necesita un archivo de lección en el disco: huddle run ruta/a/leccion.toml --watch",
    ),
    ("checking {name}…", "revisando {name}…"),
    (
        "Checking the lesson file",
        "Revisando el archivo de la lección",
    ),
    (
        "… and {n} more: run huddle check",
        "… y {n} más: ejecuta huddle check",
    ),
    (
        "“{name}” has {n} sheets: pick the one with your list.",
        "“{name}” tiene {n} hojas: elige la que tiene tu lista.",
    ),
    ("Which sheet holds your list?", "¿Qué hoja tiene tu lista?"),
    (" move  ", " mover  "),
    (" use this sheet  ", " usar esta hoja  "),
    (" back to the folder", " volver a la carpeta"),
    (" Which table? ", " ¿Qué tabla? "),
    ("{file} — which table is it?", "{file}: ¿para qué tabla es?"),
    (
        "{n} of {all} columns match",
        "{n} de {all} columnas coinciden",
    ),
    (" use it for this table  ", " usarlo para esta tabla  "),
    (" back to the files", " volver a los archivos"),
];
