/// Where a value sits in the config document: `model_list[2].litellm_params.api_base`.
struct ConfigPath: Sendable, Equatable, CustomStringConvertible {
    static let root = ConfigPath(description: "")

    let description: String

    /// The path of a mapping member.
    func key(_ name: String) -> ConfigPath {
        ConfigPath(description: description.isEmpty ? name : "\(description).\(name)")
    }

    /// The path of a list item.
    func index(_ position: Int) -> ConfigPath {
        ConfigPath(description: "\(description)[\(position)]")
    }
}
