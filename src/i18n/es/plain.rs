//! Spanish for the plain player (`--plain`, `TERM=dumb`): the lesson read out line
//! by line, and its word commands.

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    ("(blank)", "(vacío)"),
    ("Added: {op}", "Agregada: {op}"),
    (
        "Chart: {title}. {x} against {y}.",
        "Gráfica: {title}. {x} contra {y}.",
    ),
    ("Hint: {hint}", "Pista: {hint}"),
    (
        "Lesson: {title}. Type help for the words.",
        "Lección: {title}. Escribe ayuda para ver las palabras.",
    ),
    ("Not yet.", "Todavía no."),
    (
        "Reading the lesson's data…",
        "Leyendo los datos de la lección…",
    ),
    ("Right.", "Correcto."),
    (
        "Step {k} of {n}: {title} ({kind}).",
        "Paso {k} de {n}: {title} ({kind}).",
    ),
    (
        "That op could not be read: {e}. Write it as a recipe row, e.g. {example}",
        "No se pudo leer esa operación: {e}. Escríbela como una fila de receta, por ejemplo {example}",
    ),
    ("The lessons:", "Las lecciones:"),
    ("The solution: {solution}", "La solución: {solution}"),
    (
        "There are no more rows to read.",
        "No hay más filas que leer.",
    ),
    (
        "There is no op to take back.",
        "No hay ninguna operación que deshacer.",
    ),
    (
        "There is no such step: the lesson has steps 1 to {n}.",
        "Ese paso no existe: la lección tiene los pasos 1 a {n}.",
    ),
    ("This is the first step.", "Este es el primer paso."),
    (
        "This is the last step. Steps still open: {steps}. Type go N to go back to one, or quit.",
        "Este es el último paso. Pasos todavía abiertos: {steps}. Escribe ir N para volver a uno, o salir.",
    ),
    (
        "This step could not be checked: {e}",
        "No se pudo revisar este paso: {e}",
    ),
    (
        "This step has nothing to check.",
        "Este paso no tiene nada que revisar.",
    ),
    (
        "This step takes no answer. Type next to go on, or help for the words.",
        "Este paso no lleva respuesta. Escribe siguiente para seguir, o ayuda para ver las palabras.",
    ),
    (
        "Type a cleaning op for `{table}` as a recipe writes it, e.g. {example}; check hands them in, undo takes the last one back.",
        "Escribe una operación de limpieza para `{table}` como la escribe una receta, por ejemplo {example}; comprobar las entrega, deshacer quita la última.",
    ),
    (
        "Type a number from 1 to {n}.",
        "Escribe un número del 1 al {n}.",
    ),
    (
        "Type a query first; check hands in the last one you ran.",
        "Escribe primero una consulta; comprobar entrega la última que corriste.",
    ),
    (
        "Type a query on one line to run it; type check to hand in the last one.",
        "Escribe una consulta en una línea para correrla; escribe comprobar para entregar la última.",
    ),
    (
        "Type check to hand in this query.",
        "Escribe comprobar para entregar esta consulta.",
    ),
    (
        "Type more for rows {from} to {to}.",
        "Escribe más para las filas {from} a {to}.",
    ),
    ("Type next to go on.", "Escribe siguiente para seguir."),
    (
        "Type the number of a lesson, or quit:",
        "Escribe el número de una lección, o salir:",
    ),
    (
        "Type the number of your choice.",
        "Escribe el número de tu elección.",
    ),
    ("Type your answer.", "Escribe tu respuesta."),
    (
        "Type your answer: it is checked as soon as you press Enter.",
        "Escribe tu respuesta: se revisa en cuanto presionas Enter.",
    ),
    (
        "Type your reflection on one line; it is kept for your coaching call.",
        "Escribe tu reflexión en una línea; se guarda para tu llamada de coaching.",
    ),
    (
        "Words: next, back, go N, hint, check, show, more, repeat, steps, quit. In Spanish: siguiente, atrás, ir N, pista, comprobar, mostrar, más, repetir, pasos, salir. Anything else is your answer, query, op or reflection; start a line with : to use a word as a command.",
        "Palabras: siguiente, atrás, ir N, pista, comprobar, mostrar, más, repetir, pasos, salir. En inglés también: next, back, go N, hint, check, show, more, repeat, steps, quit. Todo lo demás es tu respuesta, consulta, operación o reflexión; empieza una línea con : para usar una palabra como orden.",
    ),
    (
        "You finished the lesson. Well done.",
        "Terminaste la lección. ¡Bien hecho!",
    ),
    ("You wrote: {text}", "Escribiste: {text}"),
    ("Your progress is saved.", "Tu progreso está guardado."),
    ("met", "se cumple"),
    ("not yet", "todavía no"),
    (
        "row {r} of {total}: {cells}",
        "fila {r} de {total}: {cells}",
    ),
    ("started", "empezado"),
    (
        "{lesson} has errors; huddle check {lesson} lists them.",
        "{lesson} tiene errores; huddle check {lesson} los muestra.",
    ),
    ("{n} more points.", "{n} puntos más."),
    ("{n} more, together {value}.", "{n} más, en total {value}."),
    (
        "{rows} rows, {n} columns: {names}.",
        "{rows} filas, {n} columnas: {names}.",
    ),
    // The player's `e` on a chart.
    (" Save the chart ", " Guardar la gráfica "),
    (
        "Save the chart as a picture (.png or .svg) for a report or a slide:",
        "Guarda la gráfica como imagen (.png o .svg) para un informe o una diapositiva:",
    ),
    (
        "Saved the chart to {path}: put it in a report or a slide.",
        "La gráfica quedó guardada en {path}: ponla en un informe o una diapositiva.",
    ),
    (
        "a picture is written as .png or .svg: end the name with one",
        "una imagen se guarda como .png o .svg: termina el nombre con uno de ellos",
    ),
    (
        "this step shows no chart",
        "este paso no muestra ninguna gráfica",
    ),
    // huddle inspect's progress on the terminal.
    ("checking the columns", "revisando las columnas"),
];
