//! Spanish for the SQL engine's plain words: budgets, beginners' mistakes, functions
//! with other names. Keys are the English text (see docs/translating.md).

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    (
        "the query ran for {s} seconds and was stopped: it may join tables without ON, or read many more rows than it needs (add WHERE, GROUP BY or LIMIT)",
        "la consulta corrió {s} segundos y se detuvo: quizá une tablas sin ON, o lee muchas más filas de las que necesita (agrega WHERE, GROUP BY o LIMIT)",
    ),
    (
        "the result would have more than {n} rows, so huddle stopped the query: add WHERE, GROUP BY or LIMIT, and check that each JOIN has its ON",
        "el resultado tendría más de {n} filas, así que huddle detuvo la consulta: agrega WHERE, GROUP BY o LIMIT, y revisa que cada JOIN tenga su ON",
    ),
    (
        "the query needs more than {gb} GB of memory, so huddle stopped it: add WHERE or GROUP BY, and check that each JOIN has its ON",
        "la consulta necesita más de {gb} GB de memoria, así que huddle la detuvo: agrega WHERE o GROUP BY, y revisa que cada JOIN tenga su ON",
    ),
    ("the query was stopped", "la consulta se detuvo"),
    (
        "`{name}` is in {clause} but not in GROUP BY: with COUNT, SUM or AVG each row of the result is a group, so every other column must be grouped. Add GROUP BY {name}, or take {name} out",
        "`{name}` está en {clause} pero no en GROUP BY: con COUNT, SUM o AVG cada fila del resultado es un grupo, así que toda otra columna debe agruparse. Agrega GROUP BY {name}, o quita {name}",
    ),
    (
        "WHERE picks rows before they are counted, so it cannot use COUNT, SUM or AVG: move this condition to HAVING, after GROUP BY",
        "WHERE elige filas antes de contarlas, así que no puede usar COUNT, SUM ni AVG: pasa esta condición a HAVING, después de GROUP BY",
    ),
    (
        "`{name}` is a column of more than one joined table ({tables}): say which one, like {example}.{name}",
        "`{name}` es una columna de más de una de las tablas unidas ({tables}): di cuál, como {example}.{name}",
    ),
    (
        "the text '{value}' cannot be turned into {kind}: look at those values, or leave out the CAST; compare text with text in single quotes ('Essex') and numbers with numbers",
        "el texto '{value}' no se puede convertir en {kind}: revisa esos valores, o quita el CAST; compara texto con texto entre comillas simples ('Essex') y números con números",
    ),
    (
        "a division by zero: divide by NULLIF(x, 0) to get an empty value instead",
        "una división entre cero: divide entre NULLIF(x, 0) para obtener un valor vacío en su lugar",
    ),
    (
        "the query needs more memory than huddle allows: add WHERE or GROUP BY, and check that each JOIN has its ON",
        "la consulta necesita más memoria de la que huddle permite: agrega WHERE o GROUP BY, y revisa que cada JOIN tenga su ON",
    ),
    (
        "text is compared with or added to a number: put quotes around text ('Essex'), compare number columns with numbers, and join text with ||",
        "se compara o se suma texto con un número: pon el texto entre comillas ('Essex'), compara columnas de números con números, y une textos con ||",
    ),
    (
        "huddle does not support this yet ({what}); write it another way, for example with a JOIN or a WITH step instead of a subquery",
        "huddle todavía no admite esto ({what}); escríbelo de otra forma, por ejemplo con un JOIN o un paso WITH en vez de una subconsulta",
    ),
    (
        "the query cannot run: {e}",
        "la consulta no puede correr: {e}",
    ),
    (
        "there is no column `{missing}`: \"double quotes\" name a column. For text, use single quotes: '{missing}'",
        "no hay ninguna columna `{missing}`: las \"comillas dobles\" nombran una columna. Para texto, usa comillas simples: '{missing}'",
    ),
    (
        "there is no function `{name}` here; write {here} (the same in Postgres, BigQuery and Redshift)",
        "aquí no hay ninguna función `{name}`; escribe {here} (igual en Postgres, BigQuery y Redshift)",
    ),
    (
        "there is no function `{name}` here; write {here} ({elsewhere})",
        "aquí no hay ninguna función `{name}`; escribe {here} ({elsewhere})",
    ),
    (
        "there is no function `{name}`; did you mean `{best}`?",
        "no hay ninguna función `{name}`; ¿quisiste decir `{best}`?",
    ),
    (
        "there is no function `{name}` here",
        "aquí no hay ninguna función `{name}`",
    ),
    (
        "this query is {n} characters long; huddle runs queries up to {max}: split it into smaller steps",
        "esta consulta tiene {n} caracteres; huddle corre consultas de hasta {max}: divídela en pasos más pequeños",
    ),
    (
        "this query nests brackets or subqueries more than {max} deep; huddle stops there: write it in steps with WITH",
        "esta consulta anida paréntesis o subconsultas a más de {max} niveles; huddle se detiene ahí: escríbela en pasos con WITH",
    ),
    (
        "this query has more than {max} parts (values, operators, subqueries); huddle stops there: write it in steps with WITH, or use IN (…) instead of many ORs",
        "esta consulta tiene más de {max} partes (valores, operadores, subconsultas); huddle se detiene ahí: escríbela en pasos con WITH, o usa IN (…) en vez de muchos OR",
    ),
    (
        "this query nests more than {max} deep; huddle stops there: write it in steps with WITH, or use IN (…) instead of many ORs",
        "esta consulta anida a más de {max} niveles; huddle se detiene ahí: escríbela en pasos con WITH, o usa IN (…) en vez de muchos OR",
    ),
    (
        "{f} can build text up to {max} characters long here; use a smaller number",
        "{f} puede formar textos de hasta {max} caracteres aquí; usa un número más pequeño",
    ),
    (
        "write the length in {f}(…) as a number, like {f}(zip, 5, '0')",
        "escribe la longitud en {f}(…) como un número, por ejemplo {f}(zip, 5, '0')",
    ),
    (
        "huddle does not support ALL (…) or ANY (…) with a subquery yet; compare with (SELECT MAX(…) …) or (SELECT MIN(…) …), or use IN (…)",
        "huddle todavía no admite ALL (…) ni ANY (…) con una subconsulta; compara con (SELECT MAX(…) …) o (SELECT MIN(…) …), o usa IN (…)",
    ),
    (
        "{f} works on text, and here it is given a number or a date: write {f}(CAST(x AS VARCHAR)) if you mean its digits",
        "{f} trabaja con texto, y aquí recibe un número o una fecha: escribe {f}(CAST(x AS VARCHAR)) si quieres sus dígitos",
    ),
    ("Tab: {names}", "Tab: {names}"),
];
