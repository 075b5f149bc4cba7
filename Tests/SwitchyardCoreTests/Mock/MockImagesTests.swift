import Foundation
import NIOCore
import Testing

@testable import SwitchyardCore

/// The mock's OpenAI image endpoints: shapes, determinism, usage and errors.
@Suite struct MockImagesTests {
    @Test("generations: n PNGs as b64_json, created, deterministic", arguments: ["/v1/images/generations", "/images/generations"])
    func generations(path: String) throws {
        let request = #"{"model":"dall-e-2","prompt":"a red barn","n":3,"size":"1024x1024"}"#
        let answer = MockMedia.post(path, json: request)
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/json")
        let body = try MockMedia.object(answer)
        #expect(body["created"] as? Int == 1_700_000_000)
        let data = try #require(body["data"] as? [[String: Any]])
        #expect(data.count == 3)
        let images = try data.map { try MockMedia.png($0["b64_json"]) }
        #expect(Set(images).count == 3)  // each image its own colour
        #expect(data.allSatisfy { $0["url"] == nil && $0["revised_prompt"] == nil })
        #expect(body["usage"] == nil)
        #expect(MockMedia.bytes(MockMedia.post(path, json: request)) == MockMedia.bytes(answer))
        let other = MockMedia.post(path, json: #"{"model":"dall-e-2","prompt":"a blue barn","n":3}"#)
        #expect(try MockMedia.png((try MockMedia.object(other)["data"] as? [[String: Any]])?.first?["b64_json"]) != images[0])
    }

    @Test("response_format url answers a data URL; dall-e-3 revises the prompt")
    func url() throws {
        let body = try MockMedia.object(MockMedia.post("/v1/images/generations", json: #"{"model":"dall-e-3","prompt":"cat","response_format":"url"}"#))
        let item = try #require((body["data"] as? [[String: Any]])?.first)
        let url = try #require(item["url"] as? String)
        #expect(url.hasPrefix("data:image/png;base64,"))
        _ = try MockMedia.png(String(url.dropFirst("data:image/png;base64,".count)))
        #expect(item["revised_prompt"] as? String == "Switchyard mock image of: cat")
    }

    @Test("gpt-image models: b64 only, with usage as OpenAI documents it")
    func gptImage() throws {
        let request = #"{"model":"gpt-image-1","prompt":"three little words","response_format":"url","quality":"low","size":"1024x1536","n":2}"#
        let body = try MockMedia.object(MockMedia.post("/v1/images/generations", json: request))
        let data = try #require(body["data"] as? [[String: Any]])
        #expect(data.count == 2)
        #expect(data.allSatisfy { $0["b64_json"] != nil && $0["url"] == nil })
        let usage = try #require(body["usage"] as? [String: Any])
        #expect(usage["input_tokens"] as? Int == 3)
        #expect(usage["output_tokens"] as? Int == 2 * 408)
        #expect(usage["total_tokens"] as? Int == 3 + 816)
        let details = try #require(usage["input_tokens_details"] as? [String: Any])
        #expect(details["text_tokens"] as? Int == 3)
        #expect(details["image_tokens"] as? Int == 0)
        #expect(body["output_format"] as? String == "png")
        #expect(body["size"] as? String == "1024x1536")
        #expect(body["quality"] as? String == "low")
    }

    @Test("n outside 1…10, a missing prompt and a bad response_format are 400s in OpenAI's shape", arguments: [
        (#"{"prompt":"x","n":0}"#, "n"), (#"{"prompt":"x","n":11}"#, "n"), (#"{"prompt":"x","n":1.5}"#, "n"),
        (#"{"model":"dall-e-2"}"#, "prompt"), (#"{"prompt":"x","response_format":"jpeg"}"#, "response_format"),
    ])
    func errors(request: String, param: String) throws {
        let answer = MockMedia.post("/v1/images/generations", json: request)
        #expect(answer.status == 400)
        let error = try MockMedia.openAIError(answer)
        #expect(error["type"] as? String == "invalid_request_error")
        #expect(error["param"] as? String == param)
    }

    @Test("edits: several images as image[] or repeated image, prompt required")
    func edits() throws {
        for name in ["image[]", "image"] {
            var form = MultipartWriter(boundary: "edit")
            form.addField(name: "model", value: "gpt-image-1")
            form.addField(name: "prompt", value: "add a hat")
            form.addFile(name: name, filename: "a.png", contentType: "image/png", bytes: PNGImage.solid(width: 2, height: 2, red: 1, green: 2, blue: 3))
            form.addFile(name: name, filename: "b.png", contentType: "image/png", bytes: PNGImage.solid(width: 2, height: 2, red: 4, green: 5, blue: 6))
            let answer = MockMedia.post("/v1/images/edits", form: form)
            #expect(answer.status == 200)
            let body = try MockMedia.object(answer)
            _ = try MockMedia.png((body["data"] as? [[String: Any]])?.first?["b64_json"])
            let usage = try #require(body["usage"] as? [String: Any])
            #expect((usage["input_tokens_details"] as? [String: Any])?["image_tokens"] as? Int == 130)
        }
        var noPrompt = MultipartWriter(boundary: "edit")
        noPrompt.addFile(name: "image", filename: "a.png", contentType: "image/png", bytes: [1, 2, 3])
        #expect(try MockMedia.openAIError(MockMedia.post("/v1/images/edits", form: noPrompt))["param"] as? String == "prompt")
        var noImage = MultipartWriter(boundary: "edit")
        noImage.addField(name: "prompt", value: "x")
        #expect(try MockMedia.openAIError(MockMedia.post("/images/edits", form: noImage))["param"] as? String == "image")
        // JSON is not what this endpoint takes.
        #expect(MockMedia.post("/v1/images/edits", json: #"{"prompt":"x"}"#).status == 400)
    }

    @Test("variations: the image decides the colours")
    func variations() throws {
        func vary(_ image: [UInt8]) throws -> [UInt8] {
            var form = MultipartWriter(boundary: "v")
            form.addFile(name: "image", filename: "a.png", contentType: "image/png", bytes: image)
            form.addField(name: "n", value: "2")
            let body = try MockMedia.object(MockMedia.post("/v1/images/variations", form: form))
            let data = try #require(body["data"] as? [[String: Any]])
            #expect(data.count == 2)
            return try MockMedia.png(data[0]["b64_json"])
        }
        #expect(try vary([1, 2, 3]) == vary([1, 2, 3]))
        #expect(try vary([1, 2, 3]) != vary([1, 2, 4]))
    }

    @Test("the failure marker works in JSON and in a multipart prompt")
    func failureMarker() throws {
        let json = MockMedia.post("/v1/images/generations", json: #"{"prompt":"x [[mock:status=429]]"}"#)
        #expect(json.status == 429)
        #expect(json.retryAfter == 1)
        #expect(try MockMedia.openAIError(json)["type"] as? String == "rate_limit_error")
        var form = MultipartWriter(boundary: "f")
        form.addField(name: "prompt", value: "[[mock:status=503]]")
        form.addFile(name: "image", filename: "a.png", contentType: "image/png", bytes: [1])
        #expect(MockMedia.post("/v1/images/edits", form: form).status == 503)
        // A marker inside an uploaded file is image data, not a request for failure.
        var file = MultipartWriter(boundary: "f")
        file.addField(name: "prompt", value: "fine")
        file.addFile(name: "image", filename: "a.png", contentType: "image/png", bytes: Array("[[mock:status=500]]".utf8))
        #expect(MockMedia.post("/v1/images/edits", form: file).status == 200)
    }
}
