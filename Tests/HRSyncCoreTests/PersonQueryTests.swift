import Testing

@testable import HRSyncCore

/// PERSON on the command line, as every command that takes one reads it.
@Suite struct PersonQueryTests {
    let ada = Employee(id: 10, attributes: ["email": .text("Ada.Lovelace@ACME.example "), "status": .text("active")])
    let bo = Employee(id: 100, attributes: ["email": .text("bo@acme.example"), "status": .text("active")])

    @Test func anIdIsAPersonioIdWithOrWithoutTheHashTheViewsPrint() {
        #expect(PersonQuery("10") == .personioID(10))
        #expect(PersonQuery("#10") == .personioID(10))
        #expect(PersonQuery(" 0010\n") == .personioID(10), "by value, trimmed")
        #expect(PersonQuery("#10")?.key == "10")
    }

    @Test func hashTenNamesTenAndNotOneHundred() throws {
        let query = try #require(PersonQuery("#10"))
        #expect(query.matches(ada))
        #expect(!query.matches(bo))
        #expect(try #require(PersonQuery("100")).matches(bo))
        #expect(!(try #require(PersonQuery("1")).matches(ada)), "no prefix match")
    }

    @Test func anEmailWithSpacesAndCapitalsNamesThePersonWhoseEmailIsSpelledOtherwise() throws {
        let query = try #require(PersonQuery("  ADA.lovelace@acme.EXAMPLE\t"))
        #expect(query == .email("ada.lovelace@acme.example"))
        #expect(query.matches(ada))
        #expect(!query.matches(bo))
        #expect(query.matches(PersonRef(ada)))
        #expect(query.matches(id: nil, email: "ada.lovelace@acme.example"), "a 360Learning user's mail, no Personio id")
        #expect(!query.matches(id: 10, email: nil), "an email query does not match by id")
        #expect(query.looksLikeEmail && query.personioID == nil)
    }

    @Test func theNormaliserIsMatchingsOwn() throws {
        // The matching rule and PERSON agree: the user the sync matches is the one PERSON names.
        for spelling in ["Ada@ACME.example", " ada@acme.example ", "ADA@acme.example\n"] {
            #expect(try #require(PersonQuery(spelling)).key == MatchRule.normalize(spelling))
        }
    }

    @Test func whatIsNeitherIsAQueryThatFindsNobodyAndBlankIsNone() throws {
        #expect(PersonQuery("") == nil)
        #expect(PersonQuery("  \n") == nil)
        let typo = try #require(PersonQuery("#10a"))
        #expect(typo.personioID == nil && !typo.looksLikeEmail)
        #expect(!typo.matches(ada))
        #expect(PersonQuery("-10")?.personioID == nil, "ids are positive digits only")
        #expect(PersonQuery("99999999999999999999999")?.personioID == nil, "too long for an id")
    }

    @Test func aLogEntryIsFoundByTheIdOrTheEmailWhicheverWasGiven() throws {
        let keys = PersonQuery.keys(personioID: 10, email: ada.email)
        #expect(keys == ["10", "ada.lovelace@acme.example"])
        #expect(PersonQuery.keys(personioID: 7, email: "  ") == ["7"], "no empty entry for an empty email")
        for given in ["10", "#10", "Ada.Lovelace@acme.example"] {
            let query = try #require(PersonQuery(given))
            #expect(keys.contains(where: query.matches(logged:)), "\(given)")
        }
        // Entries written before the normaliser was shared: lowercased, not trimmed.
        #expect(try #require(PersonQuery("ada.lovelace@acme.example")).matches(logged: " ada.lovelace@acme.example "))
        #expect(!(try #require(PersonQuery("#10")).matches(logged: "100")))
    }
}
