extension ChatContentPart {
    /// A Responses content part as a chat part; nil when the part is dropped.
    ///
    /// `input_image` becomes `image_url` (or a `file` part for an uploaded `file_id`),
    /// `input_file` a `file` part, text of either direction a `text` part. A file by URL and
    /// parts of unknown types have no chat form: a 400 unless unsupported things are dropped.
    init?(responses part: ResponseContentPart, policy: TranslationPolicy, param: String) throws(GatewayError) {
        switch part {
        case .inputText(let text, _):
            self = .text(text)
        case .outputText(let output):
            self = .text(output.text)
        case .refusal(let refusal, _):
            self = .text(refusal)
        case .inputImage(let image):
            if let url = image.imageURL {
                self = .imageURL(ImageURL(url: url, detail: image.detail))
            } else if let fileID = image.fileID {
                self = .file(File(fileID: fileID))
            } else {
                throw GatewayError.invalidRequest("An `input_image` part needs `image_url` or `file_id`.", param: param)
            }
        case .inputFile(let file):
            guard file.fileData != nil || file.fileID != nil else {
                try policy.unsupported("An `input_file` part by `file_url` cannot be sent to this model's provider; send `file_data` or `file_id`.", param: param)
                return nil
            }
            self = .file(File(fileData: file.fileData, fileID: file.fileID, filename: file.filename))
        case .other(let value):
            let type = value["type"]?.stringValue ?? "unknown"
            try policy.unsupported("Content parts of type `\(type)` cannot be sent to this model's provider.", param: param)
            return nil
        }
    }
}
