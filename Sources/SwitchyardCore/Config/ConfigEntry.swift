import Yams

/// One member of a YAML mapping, with the path of its value.
struct ConfigEntry {
    var key: String
    var keyNode: Node
    var value: Node
    var path: ConfigPath
}
