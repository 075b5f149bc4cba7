import Foundation
import HummingbirdTesting
import Testing

/// List pages: any page number is answered, the largest as an empty last page.
@Suite struct AdminPageTests {
    @Test(arguments: ["/spend/logs", "/key/list"])
    func theLargestPageNumberIsAnEmptyPageNotAnOverflow(path: String) async throws {
        try await withGateway(try TestConfig.load(TestConfig.mockWithMasterKey)) { client in
            let admin = AdminClient(client: client)
            _ = try await admin.generateKey()
            let response = try await admin.get("\(path)?page=\(Int.max)&page_size=1000&size=1000")
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let page = response.body.json["page"] ?? response.body.json["current_page"]
            #expect(page as? Int == 1_000_000_000)
            #expect(((response.body.json["data"] ?? response.body.json["keys"]) as? [Any])?.isEmpty == true)
        }
    }
}
