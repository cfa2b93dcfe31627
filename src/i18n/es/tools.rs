//! Spanish for the cleaning tools, the mapping screen, your own data, the file
//! browser and saving. Keys are the English text (see docs/translating.md).

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    ("Loading {name}", "Cargando {name}"),
    ("asking the database", "consultando la base de datos"),
    (
        "A database table has its column names: there is no header line to move.",
        "Una tabla de base de datos trae los nombres de sus columnas: no hay línea de encabezado que mover.",
    ),
    (
        "This step could not be checked: {e}. Tell your coach; it is a problem in the lesson, not your answer.",
        "No se pudo revisar este paso: {e}. Avísale a tu coach; es un problema de la lección, no de tu respuesta.",
    ),
    ("Getting the data ready", "Preparando los datos"),
    (
        "You stopped reading your file. Press d to choose a file again, or q to leave.",
        "Dejaste de leer tu archivo. Presiona d para elegir un archivo otra vez, o q para salir.",
    ),
    ("Stopped.", "Detenido."),
    (
        "Nothing called “{name}” here: check the spelling, or press Tab to complete.",
        "Aquí no hay nada llamado “{name}”: revisa cómo lo escribiste, o presiona Tab para completar.",
    ),
    (
        "Cannot open “{name}”: {why}.",
        "No se puede abrir “{name}”: {why}.",
    ),
    (
        "Nothing here starts with “{name_part}”.",
        "Aquí nada empieza con “{name_part}”.",
    ),
    ("Applying your cleaning", "Aplicando tu limpieza"),
    ("Checking the rules", "Revisando las reglas"),
    (
        "The cleaning tools work on a clean step, or press W on a table to clean it freely.",
        "Las herramientas de limpieza funcionan en un paso de limpieza; o presiona W sobre una tabla para limpiarla libremente.",
    ),
    ("Previewing", "Preparando la vista previa"),
    ("Nothing to undo.", "No hay nada que deshacer."),
    ("Nothing to redo.", "No hay nada que rehacer."),
    (
        "There is no table on this step to clean.",
        "En este paso no hay ninguna tabla para limpiar.",
    ),
    (
        "Recipes come from cleaning: use a clean step, or W on a table.",
        "Las recetas salen de la limpieza: usa un paso de limpieza, o W sobre una tabla.",
    ),
    (
        "No cleaning yet: there is no recipe to save.",
        "Todavía no limpiaste nada: no hay receta que guardar.",
    ),
    ("type a file name", "escribe un nombre de archivo"),
    (
        "that is your export: huddle never changes it. Choose a new name",
        "ese es tu archivo exportado: huddle nunca lo cambia. Elige un nombre nuevo",
    ),
    (
        "Saved your recipe to {path}.\n\nNext month, clean the new export the same way:\n  huddle apply {path} NEW-EXPORT.csv -o cleaned.csv",
        "Tu receta quedó guardada en {path}.\n\nEl mes que viene, limpia el nuevo archivo de la misma forma:\n  huddle apply {path} NUEVO-ARCHIVO.csv -o limpio.csv",
    ),
    (
        "Wrote {rows} rows to {path}. Your original file is unchanged.",
        "Se guardaron {rows} filas en {path}. Tu archivo original no cambió.",
    ),
    (
        "same letters and words (fingerprint)",
        "mismas letras y palabras (huella)",
    ),
    (
        "up to {radius} typo(s) apart (nearest neighbour)",
        "hasta {radius} error(es) de tipeo de diferencia (vecino más cercano)",
    ),
    ("Counting `{column}`", "Contando `{column}`"),
    (
        "Looking for variants in `{column}`",
        "Buscando variantes en `{column}`",
    ),
    (
        "No `{first}` in your file (1 step uses it). Map it, or c again to go without.",
        "Tu archivo no tiene `{first}` (lo usa 1 paso). Elige una columna, o presiona c otra vez para seguir sin ella.",
    ),
    (
        "No `{first}` in your file ({steps} steps use it). Map it, or c again to go without.",
        "Tu archivo no tiene `{first}` (lo usan {steps} pasos). Elige una columna, o presiona c otra vez para seguir sin ella.",
    ),
    (
        "No {names} in your file. Map them, or c again to go without.",
        "Tu archivo no tiene {names}. Elige sus columnas, o presiona c otra vez para seguir sin ellas.",
    ),
    (
        "remove spaces at both ends",
        "quitar los espacios al principio y al final",
    ),
    (
        "trim, and turn runs of spaces into one",
        "recortar, y dejar un solo espacio donde hay varios",
    ),
    ("change letter case", "cambiar mayúsculas y minúsculas"),
    (
        "replace text (or a regular expression)",
        "reemplazar texto (o una expresión regular)",
    ),
    (
        "put back leading zeros (ZIPs, precincts)",
        "devolver los ceros a la izquierda (códigos postales, precintos)",
    ),
    (
        "keep only digits (phones)",
        "dejar solo los dígitos (teléfonos)",
    ),
    (
        "read dates written several ways",
        "leer fechas escritas de varias formas",
    ),
    (
        "fill blanks with a value, or the value above",
        "llenar los vacíos con un valor, o con el valor de arriba",
    ),
    (
        "remove rows where this column is blank",
        "quitar las filas donde esta columna está vacía",
    ),
    (
        "keep one row per person (by some columns)",
        "dejar una fila por persona (según algunas columnas)",
    ),
    (
        "replace spelling variants with one",
        "cambiar las distintas formas de escribir algo por una sola",
    ),
    (
        "split a column into new columns",
        "dividir una columna en columnas nuevas",
    ),
    ("rename a column", "cambiar el nombre de una columna"),
    ("remove a column", "quitar una columna"),
    (
        "keep rows where an SQL condition holds",
        "dejar las filas que cumplen una condición SQL",
    ),
    ("Reading {names}", "Leyendo {names}"),
    (
        "Using the lesson's sample data for `{table}` instead of {file}.",
        "Usando los datos de ejemplo de la lección para `{table}` en lugar de {file}.",
    ),
    (
        "Your column choices could not be remembered: {e}",
        "No se pudo guardar tu elección de columnas: {e}",
    ),
    ("Preparing `{table}`", "Preparando `{table}`"),
    (
        "This lesson has no table to put your file in.",
        "Esta lección no tiene una tabla donde poner tu archivo.",
    ),
    (
        "o clean · f values · v variants · u undo · U redo · c code · e save recipe · W workspace",
        "o limpiar · f valores · v variantes · u deshacer · U rehacer · c código · e guardar receta · W espacio libre",
    ),
    ("No cleaning yet. {keys}", "Todavía no hay limpieza. {keys}"),
    ("Your recipe:", "Tu receta:"),
    (" — {n} rows changed", " — {n} filas cambiadas"),
    (" — {n} rows removed", " — {n} filas quitadas"),
    (
        "Pick a cleaning step for the selected column:",
        "Elige una operación de limpieza para la columna elegida:",
    ),
    (
        "↑ ↓ choose · Enter settings · Esc close",
        "↑ ↓ elegir · Enter ajustes · Esc cerrar",
    ),
    (" Clean ", " Limpiar "),
    ("Trying it on your table…", "Probándolo en tu tabla…"),
    ("Preview of {op}:", "Vista previa de {op}:"),
    ("changes no row.", "no cambia ninguna fila."),
    ("{n} rows change.", "cambian {n} filas."),
    ("{n} rows are removed.", "se quitan {n} filas."),
    ("new columns: {cols}", "columnas nuevas: {cols}"),
    ("removed columns: {cols}", "columnas quitadas: {cols}"),
    ("row {n}  ", "fila {n}  "),
    ("(row removed)", "(fila quitada)"),
    (
        "Enter applies it · edit a setting to try again",
        "Enter la aplica · cambia un ajuste para probar otra vez",
    ),
    (
        "↑ ↓ setting · type to change · Enter preview · Esc close",
        "↑ ↓ ajuste · escribe para cambiar · Enter vista previa · Esc cerrar",
    ),
    ("← → to change", "← → para cambiar"),
    ("Space to switch", "Espacio para cambiar"),
    ("comma-separated", "separados por comas"),
    ("Counting…", "Contando…"),
    (
        "↑ ↓ move · Enter respell this value · v find variants · Esc close",
        "↑ ↓ mover · Enter corregir este valor · v buscar variantes · Esc cerrar",
    ),
    (" Values of `{col}` ", " Valores de `{col}` "),
    ("Grouped by ", "Agrupados por "),
    ("  (Tab: try another way)", "  (Tab: probar otra forma)"),
    ("Looking for variants…", "Buscando variantes…"),
    (
        "No variants found this way. Tab tries a looser way.",
        "No se encontraron variantes de esta forma. Tab prueba una forma más flexible.",
    ),
    ("merge into ", "unir en "),
    (
        "  ({n} spellings, {rows})",
        "  ({n} formas de escribirlo, {rows})",
    ),
    (
        "↑ ↓ move · Space tick · ← → choose the spelling · a all · Enter merge ticked · Esc close",
        "↑ ↓ mover · Espacio marcar · ← → elegir cómo se escribe · a todos · Enter unir los marcados · Esc cerrar",
    ),
    (" Variants in `{col}` ", " Variantes en `{col}` "),
    (
        "Make the window larger to map your columns.",
        "Agranda la ventana para elegir tus columnas.",
    ),
    (
        " Map your columns · {table}",
        " Elige tus columnas · {table}",
    ),
    (
        " · {mapped} of {n} lesson columns found in your {m} columns",
        " · {mapped} de {n} columnas de la lección encontradas entre tus {m} columnas",
    ),
    (
        " The lesson's steps use the names on the left. Check each guess; → changes it.",
        " Los pasos de la lección usan los nombres de la izquierda. Revisa cada sugerencia; → la cambia.",
    ),
    (
        "missing · no step needs it (left blank)",
        "falta · ningún paso la necesita (queda vacía)",
    ),
    ("missing · needed by {steps}", "falta · la necesita {steps}"),
    (" The lesson's columns ", " Las columnas de la lección "),
    ("▶ Use this mapping (c)", "▶ Usar estas columnas (c)"),
    (
        "  Use this mapping: {blocking} missing (c again goes without)",
        "  Usar estas columnas: faltan {blocking} (c otra vez sigue sin ellas)",
    ),
    (" Your column: {name} ", " Tu columna: {name} "),
    (" No column for {name} ", " Ninguna columna para {name} "),
    (" Your columns ", " Tus columnas "),
    (
        "Sample values (personal data hidden):",
        "Valores de ejemplo (datos personales ocultos):",
    ),
    ("Sample values:", "Valores de ejemplo:"),
    (
        "  (every value is blank)",
        "  (todos los valores están vacíos)",
    ),
    (
        "None yet: press → to pick one.",
        "Ninguna todavía: presiona → para elegir una.",
    ),
    (
        "{n} of your columns go to the lesson; the others keep their names.",
        "{n} de tus columnas van a la lección; las demás conservan su nombre.",
    ),
    ("All your columns:", "Todas tus columnas:"),
    (
        " No problems found in the mapped columns ",
        " No se encontraron problemas en las columnas elegidas ",
    ),
    (
        " Problems to clean in the lesson ({n}) ",
        " Problemas para limpiar en la lección ({n}) ",
    ),
    ("line {rows} · ", "línea {rows} · "),
    ("lines {rows} · ", "líneas {rows} · "),
    ("  {where}fix: {fix}", "  {where}arreglo: {fix}"),
    (
        " ↑↓ choose · ←→ change column · Del none · +/- header line · c use this mapping · Esc cancel",
        " ↑↓ elegir · ←→ cambiar columna · Supr ninguna · +/- línea del encabezado · c usar estas columnas · Esc cancelar",
    ),
    (
        " ↑↓ choose · ←→ change · Del none · +/- header · c confirm · Esc cancel",
        " ↑↓ elegir · ←→ cambiar · Supr nada · +/- encabezado · c usar · Esc cancelar",
    ),
    (
        " ↑↓ choose · ←→ change · Del none · c confirm · Esc cancel",
        " ↑↓ elegir · ←→ cambiar · Supr ninguna · c confirmar · Esc cancelar",
    ),
    (
        " ↑↓ choose · Enter use this mapping · Esc cancel",
        " ↑↓ elegir · Enter usar estas columnas · Esc cancelar",
    ),
    (
        "huddle — learn to clean and chart your own data, one step at a time.",
        "huddle — aprende a limpiar y graficar tus propios datos, paso a paso.",
    ),
    (
        "Check lesson files with `huddle check [PATH...]`; see `huddle --help` for every command.",
        "Revisa archivos de lecciones con `huddle check [RUTA...]`; `huddle --help` muestra todos los comandos.",
    ),
    ("Reading the file again…", "Leyendo el archivo otra vez…"),
    (
        "With the header there, the file cannot be read: {e}",
        "Con el encabezado ahí, el archivo no se puede leer: {e}",
    ),
    (" (e.g. {examples})", " (p. ej. {examples})"),
    (
        "; `{column}` stays text until they are fixed",
        "; `{column}` queda como texto hasta que se corrijan",
    ),
    ("{n} value in `{file}`", "{n} valor en `{file}`"),
    ("{n} values in `{file}`", "{n} valores en `{file}`"),
    (
        "{values} have fewer than {width} digits: leading zeros were lost",
        "{values}: menos de {width} dígitos; se perdieron los ceros a la izquierda",
    ),
    (
        "pad {column} to {width} with \"0\"",
        "usa pad en {column}: {width} dígitos, con \"0\" a la izquierda",
    ),
    (
        "{values} are in scientific notation (like 1.23E+11): Excel rounded them",
        "{values}: en notación científica (como 1.23E+11); Excel redondeó sus dígitos",
    ),
    (
        "export the file again with this column formatted as text; the rounded digits cannot be recovered from this file",
        "exporta el archivo otra vez con esta columna en formato de texto; los dígitos redondeados no se pueden recuperar de este archivo",
    ),
    (
        ", then replace \",\" with \"\"",
        ", y después reemplaza \",\" por \"\"",
    ),
    (
        "{values} start with a currency sign",
        "{values}: con un signo de moneda al inicio",
    ),
    (
        "replace \"$\" with \"\" in {column}{also}",
        "usa replace en {column}: reemplaza \"$\" por \"\"{also}",
    ),
    (
        "{values} are written with thousands separators",
        "{values}: con separadores de miles",
    ),
    (
        "replace \",\" with \"\" in {column}",
        "usa replace en {column}: reemplaza \",\" por \"\"",
    ),
    (
        "replace \"\\.0+$\" with \"\" (regex) in {column}",
        "usa replace en {column}: reemplaza \"\\.0+$\" por \"\" (expresión regular)",
    ),
    (
        "check these rows: a whole number was expected; correct them in the file",
        "revisa estas filas: se esperaba un número entero; corrígelas en el archivo",
    ),
    (
        "{values} have decimals but `{column}` holds whole numbers",
        "{values}: con decimales, pero `{column}` guarda números enteros",
    ),
    ("{values} are not {kind}", "{values}: se esperaba {kind}"),
    (
        "correct them with replace, or drop those rows with filter, before using {column}",
        "corrígelos con replace, o quita esas filas con filter, antes de usar {column}",
    ),
    (
        "{values} look like Excel day numbers (45000 is 2023-03-15), not dates",
        "{values}: con forma de número de día de Excel (45000 es 2023-03-15), no de fecha",
    ),
    (
        "export the file again with this column formatted as a date (yyyy-mm-dd)",
        "exporta el archivo otra vez con esta columna en formato de fecha (aaaa-mm-dd)",
    ),
    (
        "{values} have a time of day",
        "{values}: con una hora del día",
    ),
    (
        "{values} are dates written in a form huddle does not read by itself",
        "{values}: en una forma de fecha que huddle no lee por sí solo",
    ),
    (
        "parse_date {column} with formats [{formats}]",
        "parse_date {column} con los formatos [{formats}]",
    ),
    (
        "{values} are not true/false, yes/no or 1/0",
        "{values}: se esperaba true/false, yes/no o 1/0",
    ),
    (
        "merge_values in {column} to turn each of them into true or false",
        "usa merge_values en {column} para convertir cada uno en true o false",
    ),
    (
        "your file has no column for `{column}`; no step uses it, so it was added with every value blank",
        "tu archivo no tiene una columna para `{column}`; ningún paso la usa, así que se agregó con todos los valores en blanco",
    ),
    (
        "your file has no column for `{column}`, so it is blank; {steps} will show it empty",
        "tu archivo no tiene una columna para `{column}`, así que está en blanco; {steps} la mostrará vacía",
    ),
    (
        "nothing to do; map a column to it to see its values",
        "no hay nada que hacer; asígnale una columna para ver sus valores",
    ),
    (
        "your column `{name}` is not the lesson's `{name}` (which comes from your column `{from}`), so it is called `{new_name}` here",
        "tu columna `{name}` no es la `{name}` de la lección (que viene de tu columna `{from}`), así que aquí se llama `{new_name}`",
    ),
    (
        "your column `{name}` is not the lesson's `{name}` (which is missing from your file), so it is called `{new_name}` here",
        "tu columna `{name}` no es la `{name}` de la lección (que falta en tu archivo), así que aquí se llama `{new_name}`",
    ),
    (
        "use `{new_name}` in your own queries to see it",
        "usa `{new_name}` en tus propias consultas para verla",
    ),
    (
        "1 problem found in your data; the cleaning steps and tools can fix it:",
        "Se encontró 1 problema en tus datos; los pasos de limpieza y las herramientas pueden arreglarlo:",
    ),
    (
        "{n} problems found in your data; the cleaning steps and tools can fix them:",
        "Se encontraron {n} problemas en tus datos; los pasos de limpieza y las herramientas pueden arreglarlos:",
    ),
    (" (line {lines})", " (línea {lines})"),
    (" (lines {lines})", " (líneas {lines})"),
    ("remembered", "recordada"),
    ("same name", "mismo nombre"),
    ("similar name", "nombre parecido"),
    ("by its values", "por sus valores"),
    ("your choice", "tu elección"),
    ("missing", "falta"),
];
