//! Spanish for what the engine says: SQL errors in our own words, chart errors and
//! type names. Keys are the English text (see docs/translating.md).

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    (
        "{message} (line {l}, column {c} of the query)",
        "{message} (línea {l}, columna {c} de la consulta)",
    ),
    (
        "this query made the SQL engine stop unexpectedly; try writing it another way",
        "esta consulta hizo que el motor SQL se detuviera; prueba a escribirla de otra forma",
    ),
    (
        "this query must return exactly one value, but it returned {rows} row(s) and {cols} column(s)",
        "esta consulta debe devolver un solo valor, pero devolvió {rows} fila(s) y {cols} columna(s)",
    ),
    (
        "there is no column `{missing}`; did you mean `{best}`?",
        "no hay ninguna columna `{missing}`; ¿quisiste decir `{best}`?",
    ),
    (
        "there is no column `{missing}`; the tables have: {columns}",
        "no hay ninguna columna `{missing}`; las tablas tienen: {columns}",
    ),
    ("SQL syntax problem: {e}", "problema de sintaxis SQL: {e}"),
    ("the query failed: {e}", "la consulta falló: {e}"),
    ("whole numbers", "números enteros"),
    ("numbers", "números"),
    ("dates", "fechas"),
    ("yes/no values", "valores sí/no"),
    ("text", "texto"),
    (
        "the query is empty: write a SELECT",
        "la consulta está vacía: escribe un SELECT",
    ),
    (
        "write exactly one query (found {n} statements separated by `;`)",
        "escribe una sola consulta (hay {n} sentencias separadas por `;`)",
    ),
    (
        "only queries that read data (SELECT … or WITH … SELECT …) can run here",
        "aquí solo se pueden ejecutar consultas que leen datos (SELECT … o WITH … SELECT …)",
    ),
    (
        "expected {what}, found {found}",
        "se esperaba {what}, pero hay {found}",
    ),
    (
        "`{name}` is not a table of this lesson; use a table name without dots",
        "`{name}` no es una tabla de esta lección; usa un nombre de tabla sin puntos",
    ),
    ("did you mean `{best}`?", "¿quisiste decir `{best}`?"),
    (
        "the tables here are: {tables}",
        "las tablas aquí son: {tables}",
    ),
    (
        "there is no table `{name}`; {hint}",
        "no hay ninguna tabla `{name}`; {hint}",
    ),
    (
        "SELECT … INTO makes a new table; write a plain SELECT instead",
        "SELECT … INTO crea una tabla nueva; escribe un SELECT simple",
    ),
    (
        "only queries that read data (SELECT …) can run here",
        "aquí solo se pueden ejecutar consultas que leen datos (SELECT …)",
    ),
    (
        "`{name}(…)` is a table function; lessons may only read their own tables ({tables})",
        "`{name}(…)` es una función de tabla; las lecciones solo pueden leer sus propias tablas ({tables})",
    ),
    (
        "only tables, subqueries and joins can follow FROM here",
        "aquí después de FROM solo pueden ir tablas, subconsultas y joins",
    ),
    (
        "a histogram needs numbers, and `{column}` has none: pick a number column",
        "un histograma necesita números, y `{column}` no tiene ninguno: elige una columna de números",
    ),
    (
        "{n} row(s) with a blank or non-number value left out",
        "se dejaron fuera {n} fila(s) con un valor vacío o que no es un número",
    ),
    ("no columns", "ninguna columna"),
    (
        "the chart needs a column `{name}`, and the result has {has}",
        "el gráfico necesita una columna `{name}`, y el resultado tiene {has}",
    ),
    (
        "a line chart needs a `y` column",
        "un gráfico de líneas necesita una columna `y`",
    ),
    (
        "a scatter chart needs a `y` column",
        "un gráfico de dispersión necesita una columna `y`",
    ),
    (
        "no row has both a usable `{x}` (a number or a date) and a number in `{y}`",
        "ninguna fila tiene a la vez un `{x}` utilizable (un número o una fecha) y un número en `{y}`",
    ),
    ("whole number", "número entero"),
    ("number", "número"),
    ("date", "fecha"),
    ("date and time", "fecha y hora"),
    ("yes/no", "sí/no"),
    ("are not {words}", "no cumplen: {words}"),
    (
        "{column}: every row is blank, so there is nothing to check: is it the right column, or was it emptied?",
        "{column}: todas las filas están vacías, así que no hay nada que revisar: ¿es la columna correcta, o se vació?",
    ),
    ("{a} to {b} digits", "de {a} a {b} dígitos"),
    ("{n} digits", "{n} dígitos"),
    ("digits only", "solo dígitos"),
    (
        "a 5-digit ZIP, or ZIP+4",
        "un código postal de 5 dígitos, o ZIP+4",
    ),
    ("written with lower-case letters", "escritas con minúsculas"),
    ("a date written YYYY-MM-DD", "una fecha escrita AAAA-MM-DD"),
    (
        "dates from 1900 to 2099 written year first",
        "fechas de 1900 a 2099 escritas con el año primero",
    ),
    (
        "rule: `{column}` matches {pattern}",
        "regla: `{column}` cumple {pattern}",
    ),
    (" — 1 row changed", " — 1 fila cambiada"),
    (" — 1 row removed", " — 1 fila quitada"),
    ("1 row changes.", "cambia 1 fila."),
    ("1 row is removed.", "se quita 1 fila."),
    ("1 row", "1 fila"),
    ("{n} rows", "{n} filas"),
    (
        "`{t}` is your file {f} (1 row).",
        "`{t}` es tu archivo {f} (1 fila).",
    ),
    (
        "`{t}` is your file {f} ({n} rows).",
        "`{t}` es tu archivo {f} ({n} filas).",
    ),
    (
        "Wrote 1 row to {path}. Your original file is unchanged.",
        "Se guardó 1 fila en {path}. Tu archivo original no cambió.",
    ),
    (
        "the table has 1 row; it should have {want} rows",
        "la tabla tiene 1 fila; debería tener {want} filas",
    ),
];
