import AuditRouter
import Testing

@Suite("Bearer tokens")
struct BearerTokenTests {
    @Test(arguments: ["Bearer t0ken", "bearer t0ken", "BEARER t0ken", "BeArEr t0ken"])
    func theSchemeIsCaseInsensitive(header: String) {
        #expect(BearerToken.matches(header, token: "t0ken"))
    }

    @Test(arguments: [nil, "", "Bearer", "Bearer ", "Bearer t0ke", "Bearer t0ken2", "Bearer T0KEN", "Bearer  t0ken", "Bearer t0ken ",
                      "Basic t0ken", "t0ken", "Bearert0ken", "Token t0ken", "Bearer " + String(repeating: "t", count: 10_000)] as [String?])
    func anythingElseIsRefused(header: String?) {
        #expect(!BearerToken.matches(header, token: "t0ken"))
    }

    @Test func tokensOfAnyLengthAndCharacterMatchOnlyThemselves() {
        for token in ["x", "ünïcödé-tøken", String(repeating: "a", count: 4096), "with spaces inside"] {
            #expect(BearerToken.matches("Bearer " + token, token: token))
            #expect(!BearerToken.matches("Bearer " + token + "x", token: token))
            #expect(!BearerToken.matches("Bearer " + token.dropLast(), token: token))
        }
    }
}
