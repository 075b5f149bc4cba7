/// The console's script: plain JavaScript written for this project, no library and no build
/// step, in parts by job. `/ui/console.js` serves them joined, in this order (each part may
/// use what the parts before it define).
enum ConsoleScript {
    static let source = [core, forms, session, charts, overview, keys, people, models, logs, activity, start].joined(separator: "\n")
}
