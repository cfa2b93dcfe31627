//! Spanish for writing files safely and for the limits huddle puts on what lessons,
//! recipes and files may ask of the machine. Keys are the English text (see
//! docs/translating.md).

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    (
        "{file} already exists; choose another name, or add --force to replace it",
        "{file} ya existe; elige otro nombre, o agrega --force para reemplazarlo",
    ),
    (
        "{file} is a folder; give a file name such as cleaned.csv",
        "{file} es una carpeta; da un nombre de archivo, como limpio.csv",
    ),
    (
        "{file} is not a regular file (a device, a pipe or a socket); huddle only writes ordinary files: give a file name such as cleaned.csv",
        "{file} no es un archivo común (es un dispositivo, una tubería o un socket); huddle solo escribe archivos comunes: da un nombre de archivo, como limpio.csv",
    ),
    (
        "{file} is a symbolic link; huddle does not write through links: name the file itself, or a new file",
        "{file} es un enlace simbólico; huddle no escribe a través de enlaces: nombra el archivo mismo, o un archivo nuevo",
    ),
    (
        "{file} is one of this command's own input files; write to a new file so the input stays as it was",
        "{file} es uno de los archivos que este comando lee; escribe en un archivo nuevo para que el original quede como estaba",
    ),
    (
        "the folder {folder} does not exist; create it first or write somewhere else",
        "la carpeta {folder} no existe; créala primero o escribe en otro lugar",
    ),
];
