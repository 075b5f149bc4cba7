import NIOCore

extension MultipartForm {
    /// The text fields as one JSON object, so a form is read like a JSON body (model, controls,
    /// `response_format`…): each field a string, `stream` and `drop_params` booleans when they
    /// say true or false, OpenAI's numeric fields (`n`, `temperature`…) numbers when they are, and array fields (`name[]`, or a name repeated) arrays of strings.
    public var fieldsJSON: ByteBuffer {
        var order: [String] = []
        var values: [String: [String]] = [:]
        var arrays: Set<String> = []
        for part in parts where part.filename == nil {
            var name = part.name
            if name.hasSuffix("[]") {
                name.removeLast(2)
                arrays.insert(name)
            }
            if values[name] == nil { order.append(name) } else { arrays.insert(name) }
            values[name, default: []].append(part.text)
        }
        var out = ByteBuffer(string: "{")
        for (position, name) in order.enumerated() {
            if position > 0 { out.writeString(",") }
            out.writeBytes(JSONStringDecoding.encode(name))
            out.writeString(":")
            let texts = values[name] ?? []
            if arrays.contains(name) {
                out.writeString("[")
                for (item, text) in texts.enumerated() {
                    if item > 0 { out.writeString(",") }
                    out.writeBytes(JSONStringDecoding.encode(text))
                }
                out.writeString("]")
            } else if Self.booleanFields.contains(name), let flag = ["true": "true", "false": "false"][texts[0].lowercased()] {
                out.writeString(flag)
            } else if Self.numericFields.contains(name), let number = Double(texts[0]), number.isFinite {
                out.writeString(number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number))
            } else {
                out.writeBytes(JSONStringDecoding.encode(texts[0]))
            }
        }
        out.writeString("}")
        return out
    }

    private static let booleanFields: Set<String> = ["stream", "drop_params"]
    /// OpenAI's numeric form fields, written as JSON numbers so typed requests decode.
    private static let numericFields: Set<String> = ["n", "temperature", "speed", "output_compression", "partial_images"]
}
