//! Spanish for sharing progress: the learner's review before `huddle progress
//! --export`, `huddle progress`, the coach's cohort screen and `huddle cohort`, and
//! the messages of `huddle new`.

/// `(English, Spanish)` pairs.
pub const TABLE: &[(&str, &str)] = &[
    // The review screen before an export.
    ("Make the window larger", "Agranda la ventana"),
    (
        " Edit the reflection (Esc when done) ",
        " Edita la reflexión (Esc al terminar) ",
    ),
    (
        " type to change the text · Esc done editing",
        " escribe para cambiar el texto · Esc terminar de editar",
    ),
    (
        " ↑↓ choose · e edit · d drop · k keep · w write the file · q cancel",
        " ↑↓ elegir · e editar · d quitar · k dejar · w escribir el archivo · q cancelar",
    ),
    (
        "no name (your coach sees the file name)",
        "sin nombre (tu coach verá el nombre del archivo)",
    ),
    (" Before you share ", " Antes de compartir "),
    (
        " Name: {name} · {lessons} lesson(s) · {reflections} reflection(s)",
        " Nombre: {name} · {lessons} lección(es) · {reflections} reflexión(es)",
    ),
    (
        " Written: lesson and step titles, status, tries, hints and time,",
        " Se escribe: títulos de lecciones y pasos, estado, intentos, pistas y tiempo,",
    ),
    (
        " and the reflections you keep below. Never any of your data.",
        " y las reflexiones que dejes abajo. Nunca nada de tus datos.",
    ),
    (" Your reflections ", " Tus reflexiones "),
    (" [shared]", " [se comparte]"),
    (" [not shared]", " [no se comparte]"),
    ("   … {n} more line(s)", "   … {n} línea(s) más"),
    (
        "   ⚠ looks like it holds {kinds}: edit it (e) or drop it (d)",
        "   ⚠ parece que tiene {kinds}: edítala (e) o quítala (d)",
    ),
    (
        " No reflections: press w to write.",
        " No hay reflexiones: presiona w para escribir el archivo.",
    ),
    (
        "{lesson} · step {step} “{title}”",
        "{lesson} · paso {step} “{title}”",
    ),
    ("{lesson} · step {step}", "{lesson} · paso {step}"),
    // Personal data a reflection seems to hold.
    ("an email address", "un correo electrónico"),
    ("a phone number", "un número de teléfono"),
    ("a street address", "una dirección"),
    ("a name", "un nombre"),
    ("personal data", "datos personales"),
    ("{list} and {kind}", "{list} y {kind}"),
    // The cohort screen.
    (
        "Where learners needed help: tries + hints, all learners",
        "Dónde necesitaron ayuda: intentos + pistas, todos los aprendices",
    ),
    ("step", "paso"),
    ("tries + hints", "intentos + pistas"),
    (" Cohort ", " Grupo "),
    (
        "· {learners} learner(s) · {lessons} lesson(s) · {finished} finish(es) · {folder}",
        "· aprendices: {learners} · lecciones: {lessons} · terminadas: {finished} · {folder}",
    ),
    (
        " ⚠ {n} file(s) left out: {files}",
        " ⚠ {n} archivo(s) sin incluir: {files}",
    ),
    (
        " L{k} {title} ({id}): {done} of {all} finished",
        " L{k} {title} ({id}): la terminaron {done} de {all}",
    ),
    (
        " ↑↓ choose a learner · q quit",
        " ↑↓ elegir aprendiz · q salir",
    ),
    ("  learner", "  aprendiz"),
    ("steps", "pasos"),
    ("time", "tiempo"),
    (
        " Who finished what (first {shown} of {all} lessons: widen the window) ",
        " Quién terminó qué (primeras {shown} de {all} lecciones: agranda la ventana) ",
    ),
    (" Who finished what ", " Quién terminó qué "),
    // huddle cohort
    (
        "huddle cohort: {dir} is not a folder; give the folder where you saved your learners' exports",
        "huddle cohort: {dir} no es una carpeta; indica la carpeta donde guardaste las exportaciones de tus aprendices",
    ),
    (
        "huddle cohort: {file}: {problem}; left out",
        "huddle cohort: {file}: {problem}; no se incluye",
    ),
    (
        "huddle cohort: no progress exports in {dir}; learners write them with `huddle progress --export FILE`",
        "huddle cohort: no hay exportaciones de progreso en {dir}; los aprendices las escriben con `huddle progress --export ARCHIVO`",
    ),
    (
        "huddle cohort: the terminal stopped working: {e}",
        "huddle cohort: la terminal dejó de funcionar: {e}",
    ),
    (
        "Cohort: {learners} learner(s), {lessons} lesson(s), from {folder}",
        "Grupo de {folder}: aprendices: {learners}, lecciones: {lessons}",
    ),
    (
        "Cohort: {learners} learner(s), {lessons} lesson(s), from {folder} ({skipped} file(s) left out)",
        "Grupo de {folder}: aprendices: {learners}, lecciones: {lessons} ({skipped} archivo(s) sin incluir)",
    ),
    ("Lessons", "Lecciones"),
    (
        "  L{k}  {title} ({id}): {done} of {all} finished",
        "  L{k}  {title} ({id}): la terminaron {done} de {all}",
    ),
    ("learner", "aprendiz"),
    (
        "No step needed a second try or a hint.",
        "Ningún paso necesitó un segundo intento ni una pista.",
    ),
    (
        "Steps that needed the most help (all learners)",
        "Pasos que necesitaron más ayuda (todos los aprendices)",
    ),
    ("tries", "intentos"),
    ("hints", "pistas"),
    ("learners", "aprendices"),
    ("title", "título"),
    // huddle new
    (
        "\"{id}\" cannot be a lesson id: use only lowercase letters, digits and single dashes between words (progress is kept by the id, and it names the file); e.g. \"members-per-county\"",
        "\"{id}\" no puede ser el id de una lección: usa solo letras minúsculas, números y un guion entre palabras (el progreso se guarda por el id, y el id le da nombre al archivo); por ejemplo \"members-per-county\"",
    ),
    (
        "\"{id}\" cannot be a lesson id: use only lowercase letters, digits and single dashes between words (progress is kept by the id, and it names the file); try \"{fix}\"",
        "\"{id}\" no puede ser el id de una lección: usa solo letras minúsculas, números y un guion entre palabras (el progreso se guarda por el id, y el id le da nombre al archivo); prueba con \"{fix}\"",
    ),
    (
        "huddle new: {file} already exists; huddle never overwrites a file: choose another id, another --dir, or move that file away",
        "huddle new: {file} ya existe; huddle nunca sobrescribe un archivo: elige otro id, otro --dir, o mueve ese archivo a otro lugar",
    ),
    (
        "huddle new: cannot create the folder {folder}: {e}",
        "huddle new: no se pudo crear la carpeta {folder}: {e}",
    ),
    ("wrote {file}", "se escribió {file}"),
    (
        "next: edit the lesson, then `huddle check {file}` and `huddle run {file}`",
        "sigue: edita la lección y luego usa `huddle check {file}` y `huddle run {file}`",
    ),
    (
        "{file} already exists; huddle never overwrites a file",
        "{file} ya existe; huddle nunca sobrescribe un archivo",
    ),
    (
        "cannot write {file}: {e}",
        "no se pudo escribir {file}: {e}",
    ),
    // huddle progress
    (
        "huddle progress: {file}: {problem}; left out",
        "huddle progress: {file}: {problem}; no se incluye",
    ),
    (
        "huddle progress: no progress yet, so there is nothing to export; start a lesson with `huddle`",
        "huddle progress: todavía no hay progreso, así que no hay nada que exportar; empieza una lección con `huddle`",
    ),
    (
        "huddle progress: nothing written",
        "huddle progress: no se escribió nada",
    ),
    (
        "huddle progress: the terminal stopped working ({e}); nothing written",
        "huddle progress: la terminal dejó de funcionar ({e}); no se escribió nada",
    ),
    (
        "huddle progress: not a terminal, so your reflections cannot be reviewed; run it in a terminal, or add --yes to write them as they are",
        "huddle progress: esto no es una terminal, así que no puedes revisar tus reflexiones; ejecútalo en una terminal, o agrega --yes para escribirlas tal como están",
    ),
    (
        "Wrote {file}: {lessons} lesson(s), {reflections} reflection(s) ({dropped} not shared). Send it to your coach.",
        "Se escribió {file}: {lessons} lección(es), {reflections} reflexión(es) ({dropped} sin compartir). Envíaselo a tu coach.",
    ),
    (
        "Wrote {file}: {lessons} lesson(s), {reflections} reflection(s). Send it to your coach.",
        "Se escribió {file}: {lessons} lección(es), {reflections} reflexión(es). Envíaselo a tu coach.",
    ),
    (
        "huddle progress: warning: your reflection in {lesson} step {step} looks like it holds {kinds}; run without --yes to edit or drop it",
        "huddle progress: aviso: parece que tu reflexión en {lesson} paso {step} tiene {kinds}; ejecútalo sin --yes para editarla o quitarla",
    ),
    (
        "No progress yet: open a lesson with `huddle` and it is saved as you go.",
        "Todavía no hay progreso: abre una lección con `huddle` y se guarda mientras avanzas.",
    ),
    (
        "Your progress (saved in {folder})",
        "Tu progreso (guardado en {folder})",
    ),
    ("kind", "tipo"),
    ("status", "estado"),
    ("finished", "terminada"),
    ("on step {k}", "en el paso {k}"),
    ("{title} ({id}): {state}", "{title} ({id}): {state}"),
    (
        "{title} ({id}): {state} (not in this course: titles unknown)",
        "{title} ({id}): {state} (no está en este curso: sin títulos)",
    ),
    (
        "  {done} of {all} steps done · {tries} tries · {hints} hints · {time}",
        "  {done} de {all} pasos hechos · {tries} intentos · {hints} pistas · {time}",
    ),
    ("shown", "solución vista"),
    ("  Reflection (step {k}):", "  Reflexión (paso {k}):"),
];
