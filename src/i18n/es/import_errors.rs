//! Why a file could not be read (`ImportError`) and the type examples they quote.

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    (
        "cannot read the file: {error}. Check the path and that the file is not open in another program, then try again",
        "no se puede leer el archivo: {error}. Revisa la ruta y que el archivo no esté abierto en otro programa, y vuelve a intentarlo",
    ),
    (
        "reading was stopped before the end; nothing was loaded. Open the file again to read it all",
        "la lectura se detuvo antes del final; no se cargó nada. Abre el archivo de nuevo para leerlo completo",
    ),
    (
        "the file is empty: export the data again and check it has a header row and rows",
        "el archivo está vacío: exporta los datos de nuevo y revisa que tenga una fila de encabezado y filas",
    ),
    (
        "the file has a header row ({header}) but no data rows: export it again with its rows, or check that the right file was picked",
        "el archivo tiene una fila de encabezado ({header}) pero ninguna fila de datos: expórtalo de nuevo con sus filas, o revisa que elegiste el archivo correcto",
    ),
    (
        "row {row} (line {line}), column `{column}`: \"{value}\" is not {expected}. Fix the cell in the file, or map that column to another one",
        "fila {row} (línea {line}), columna `{column}`: \"{value}\" no es {expected}. Corrige la celda en el archivo, o asigna esa columna a otra",
    ),
    (
        " ({n} more value(s) in this column fail too)",
        " ({n} valor(es) más de esta columna también fallan)",
    ),
    (
        "sheet `{sheet}` is empty; pick another with FILE#SHEET. The workbook's sheets are: {sheets}",
        "la hoja `{sheet}` está vacía; elige otra con ARCHIVO#HOJA. Las hojas del libro son: {sheets}",
    ),
    (
        "this file is not a workbook, so it has no sheet `{sheet}`: leave out `#{sheet}` to read it",
        "este archivo no es un libro de hojas de cálculo, así que no tiene la hoja `{sheet}`: quita `#{sheet}` para leerlo",
    ),
    (
        "the file could not be read as a table: {error}. Open it in a spreadsheet and save it again as CSV (UTF-8), then try again",
        "el archivo no se pudo leer como tabla: {error}. Ábrelo en una hoja de cálculo, guárdalo de nuevo como CSV (UTF-8) y vuelve a intentarlo",
    ),
    ("; also line(s) {lines}", "; también la(s) línea(s) {lines}"),
    (
        "line {line} has {fields} fields but the header has {header}{also} ({total} row(s) in all). A value probably contains the delimiter without quotes around it: quote that value, or re-export the file",
        "la línea {line} tiene {fields} campos pero el encabezado tiene {header}{also} ({total} fila(s) en total). Probablemente un valor contiene el separador sin comillas: pon ese valor entre comillas, o exporta el archivo de nuevo",
    ),
    (" (did you mean `{name}`?)", " (¿quisiste decir `{name}`?)"),
    (
        "the workbook has no sheet `{sheet}`{near}; its sheets are: {sheets}",
        "el libro no tiene la hoja `{sheet}`{near}; sus hojas son: {sheets}",
    ),
    (
        "the file has no column {columns}; map your columns or rename them in the header",
        "el archivo no tiene la columna {columns}; asigna tus columnas o cámbiales el nombre en el encabezado",
    ),
    (
        "this file is a web page (an HTML table), even if its name ends in .xls: open it in Excel and use File → Save As → CSV UTF-8 or Excel Workbook (.xlsx)",
        "este archivo es una página web (una tabla HTML), aunque su nombre termine en .xls: ábrelo en Excel y usa Archivo → Guardar como → CSV UTF-8 o Libro de Excel (.xlsx)",
    ),
    (
        "none of this Parquet file's columns hold text, numbers, dates or true/false: export the table again with plain columns",
        "ninguna columna de este archivo Parquet tiene texto, números, fechas o verdadero/falso: exporta la tabla de nuevo con columnas simples",
    ),
    (
        "this is an Office file huddle cannot open as a workbook ({error}). If it is password-protected, save a copy without a password; otherwise open it in Excel and use File → Save As → Excel Workbook (.xlsx) or CSV UTF-8",
        "este es un archivo de Office que huddle no puede abrir como libro ({error}). Si tiene contraseña, guarda una copia sin contraseña; si no, ábrelo en Excel y usa Archivo → Guardar como → Libro de Excel (.xlsx) o CSV UTF-8",
    ),
    (
        "this is a ZIP archive but not a workbook huddle can read ({error}). If it holds CSV files, unzip it and open one of them; if it is a workbook, open it in Excel and save it again",
        "este es un archivo ZIP pero no un libro que huddle pueda leer ({error}). Si contiene archivos CSV, descomprímelo y abre uno de ellos; si es un libro, ábrelo en Excel y guárdalo de nuevo",
    ),
    ("{format} sheet: {error}", "hoja {format}: {error}"),
    ("any text", "cualquier texto"),
    ("a whole number such as 42", "un número entero como 42"),
    ("a number such as 3.5", "un número como 3.5"),
    (
        "a date such as 2023-03-04 or 3/4/2023",
        "una fecha como 2023-03-04 o 3/4/2023",
    ),
    (
        "a date and time such as 2023-03-04 13:05",
        "una fecha y hora como 2023-03-04 13:05",
    ),
    ("true/false, yes/no or 1/0", "true/false, yes/no o 1/0"),
];
