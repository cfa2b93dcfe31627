//! Spanish for reading files: rows set aside, the header found below a title,
//! line endings, and the rejects file of `huddle apply`.

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    ("waiting", "esperando"),
    ("reading", "leyendo"),
    ("decoding", "decodificando"),
    ("splitting rows", "separando filas"),
    ("building table", "armando la tabla"),
    ("opening workbook", "abriendo el libro"),
    ("reading cells", "leyendo celdas"),
    ("typing columns", "poniendo tipos a las columnas"),
    ("working", "trabajando"),
    ("cleaning", "limpiando"),
    (
        "has {n} fields but the header has {h}: a value probably contains the separator without quotes around it",
        "tiene {n} campos pero el encabezado tiene {h}: seguramente un valor contiene el separador sin comillas alrededor",
    ),
    (
        "has {n} fields but the header has {h}: a value is missing or the row was cut short",
        "tiene {n} campos pero el encabezado tiene {h}: falta un valor o la fila quedó cortada",
    ),
    ("{lines} and {n} more", "{lines} y {n} más"),
    (
        "1 row could not be read (line {lines})",
        "1 fila no se pudo leer (línea {lines})",
    ),
    (
        "{n} rows could not be read (lines {lines})",
        "{n} filas no se pudieron leer (líneas {lines})",
    ),
    (
        "they are left out of the table. Line {line} {reason}. Fix them in the file, or go on without them (`huddle apply` writes them to a rejects file)",
        "quedan fuera de la tabla. La línea {line} {reason}. Corrígelas en el archivo o sigue sin ellas (`huddle apply` las escribe en un archivo de rechazadas)",
    ),
    (
        "header found on {unit} {h}; {unit}s {range} look like a title: '{title}'. If the header is elsewhere, use --header-row N",
        "encabezado encontrado en {unit} {h}; {unit}s {range} parecen un título: '{title}'. Si el encabezado está en otro lugar, usa --header-row N",
    ),
    (
        "header found on {unit} {h}; {unit} {range} looks like a title: '{title}'. If the header is elsewhere, use --header-row N",
        "encabezado encontrado en {unit} {h}; {unit} {range} parece un título: '{title}'. Si el encabezado está en otro lugar, usa --header-row N",
    ),
    (
        "the first row holds values, not column names, so the columns are called column_1, column_2, …; if it is a header, use --header-row 1",
        "la primera fila tiene valores, no nombres de columna, así que las columnas se llaman column_1, column_2, …; si es un encabezado, usa --header-row 1",
    ),
    (
        "{n} note line(s) after the data were left out, starting at {unit} {line}: '{text}'",
        "{n} línea(s) de notas después de los datos quedaron fuera, desde {unit} {line}: '{text}'",
    ),
    ("line", "línea"),
    ("row", "fila"),
    (
        "lines end with a bare CR (classic Mac line endings); they were read as line breaks",
        "las líneas terminan con un CR solo (finales de línea del Mac clásico); se leyeron como saltos de línea",
    ),
    (
        "the rows starting at line {line} could not be split into the header's {n} columns ({detail}); check the file's quotes, or re-export it",
        "las filas desde la línea {line} no se pudieron dividir en las {n} columnas del encabezado ({detail}); revisa las comillas del archivo o expórtalo de nuevo",
    ),
    (
        "{summary}: they are not in {output}; each is in {rejects} exactly as in the file, after a line naming its line and why (exit code 3)\n",
        "{summary}: no están en {output}; cada una está en {rejects} tal como en el archivo, después de una línea que dice su número de línea y por qué (código de salida 3)\n",
    ),
    (
        "# rows of {input} that could not be read; each row follows a line naming its line and why, exactly as it was in the file\n",
        "# filas de {input} que no se pudieron leer; cada fila va después de una línea que dice su número de línea y por qué, tal como estaba en el archivo\n",
    ),
    (
        "{summary} · r shows them · c goes on without them",
        "{summary} · r las muestra · c sigue sin ellas",
    ),
    (
        " Rows that could not be read ({n}) · any key closes ",
        " Filas que no se pudieron leer ({n}) · cualquier tecla cierra ",
    ),
    ("line {line}: {reason}", "línea {line}: {reason}"),
    (
        "  (the row's text is hidden while personal data is masked)",
        "  (el texto de la fila está oculto mientras los datos personales están enmascarados)",
    ),
    (
        "These rows are left out of the table. Fix them in the file and open it again, or go on without them.",
        "Estas filas quedan fuera de la tabla. Corrígelas en el archivo y ábrelo de nuevo, o sigue sin ellas.",
    ),
    (
        "{summary}; they are left out of the chart (huddle inspect lists them)",
        "{summary}; quedan fuera del gráfico (huddle inspect las lista)",
    ),
    (
        "numbers with a decimal comma (61,5) were read as numbers in: {columns}",
        "los números con coma decimal (61,5) se leyeron como números en: {columns}",
    ),
    (
        "`{name}` holds percents: {example} was read as the number {plain} (percent points, as a spreadsheet shows it, not a fraction of 1)",
        "`{name}` contiene porcentajes: {example} se leyó como el número {plain} (puntos porcentuales, como lo muestra una hoja de cálculo, no una fracción de 1)",
    ),
    (
        "`{name}` holds numbers written with thousands separators: {example} was read as the number {plain}",
        "`{name}` contiene números escritos con separadores de miles: {example} se leyó como el número {plain}",
    ),
    (
        "every worksheet of this workbook is hidden ({names}); read one by naming it: FILE#SHEET",
        "todas las hojas de este libro están ocultas ({names}); lee una nombrándola: ARCHIVO#HOJA",
    ),
    (
        "`{name}`: {n} cell(s) hold a placeholder for blank ({markers}); they count as blanks in numbers and dates. To make them blank everywhere, use the `replace` op on each",
        "`{name}`: {n} celda(s) tienen un marcador de vacío ({markers}); cuentan como vacías en números y fechas. Para dejarlas vacías en todas partes, usa la operación `replace` en cada una",
    ),
    (
        "`{name}`: every value ends in .0 (like {example}): a spreadsheet turned these IDs into numbers. Remove the .0 with the `replace` op: find \\.0$ with nothing, as a regular expression; then `pad` if zeros were lost",
        "`{name}`: todos los valores terminan en .0 (como {example}): una hoja de cálculo convirtió estos ID en números. Quita el .0 con la operación `replace`: busca \\.0$ y reemplázalo con nada, como expresión regular; después usa `pad` si se perdieron ceros",
    ),
    (
        "`{name}`: {n} row(s) look like totals, not data (a `Total` or an empty `{name}`): summing the column would count them twice. Drop them with the `filter` op: where {name} IS NOT NULL AND {name} NOT ILIKE '%total%'",
        "`{name}`: {n} fila(s) parecen totales, no datos (un `Total` o un `{name}` vacío): sumar la columna las contaría dos veces. Quítalas con la operación `filter`: where {name} IS NOT NULL AND {name} NOT ILIKE '%total%'",
    ),
    (
        "`{name}`: {rows} row(s) hold values past what inspect keeps in memory; its distinct count, most common values and problems are from the first {kept} values. Inspect a smaller part of the file for all of them",
        "`{name}`: {rows} fila(s) tienen valores más allá de los que inspect guarda en memoria; su número de valores distintos, los más comunes y los problemas salen de los primeros {kept} valores. Inspecciona una parte más pequeña del archivo para verlos todos",
    ),
];
