import Testing

@testable import HRSyncCore

/// Two 360Learning users whose mails differ only in case are two accounts to 360Learning but one
/// email to hrsync: which is the employee cannot be told, so it is a conflict, as a shared email is.
@Suite struct MailCaseTests {
    func platform() -> LMSState {
        var lms = RandomCompany.platform()
        lms.users["u1"] = LMSUserRecord(id: "u1", mail: "Ada@acme.example", status: "active", firstName: "Ada", lastName: nil, job: nil, lang: "en")
        lms.users["u2"] = LMSUserRecord(id: "u2", mail: " ada@acme.example", status: "active", firstName: "Ada", lastName: nil, job: nil, lang: "en")
        return lms
    }

    let ada = Employee(id: 1, attributes: ["email": .text("ada@acme.example"), "first_name": .text("Ada"), "status": .text("active")])

    @Test func neitherUserIsMatchedByEmail() {
        let index = MatchIndex(lms: platform(), employees: [ada])
        #expect(index.ambiguousMails == ["ada@acme.example": ["u1", "u2"]])
        #expect(MatchRule.match(ada, index, order: [.email, .externalID]) == .ambiguousEmail("ada@acme.example", users: ["u1", "u2"]))
    }

    @Test func thePlanHasAConflictAndNoActionForTheEmployee() throws {
        let plan = try Planner.plan(try PlannerTests.input([1: ada], platform()))
        #expect(plan.conflicts == [PlanNote(.usersShareEmail, people: [PersonRef(ada)], users: ["u1", "u2"])])
        #expect(!plan.actions.contains { $0.person?.personioID == 1 })
        #expect(plan.conflicts[0].message.contains("360Learning users u1, u2 have this email spelled in different case"))
    }

    /// The same spelling on a deleted and a live user is one mail over time, not a conflict.
    @Test func oneSpellingOnADeletedAndALiveUserIsNoConflict() {
        var lms = platform()
        lms.users["u2"]?.mail = "Ada@acme.example"
        lms.users["u2"]?.status = "deleted"
        let index = MatchIndex(lms: lms, employees: [ada])
        #expect(index.ambiguousMails.isEmpty)
        #expect(MatchRule.match(ada, index, order: [.email]) == .matched(userID: "u1", by: .email))
    }

    /// Of several users with one mail, a live one is chosen before a deleted one, then the
    /// smallest id, whatever order the users come in.
    @Test func aLiveUserThenTheSmallestIdIsChosenInAnyOrder() {
        let users = [("u3", "active"), ("u1", "deleted"), ("u2", "active"), ("u0", "deleted")]
        for rotation in users.indices {
            var lms = RandomCompany.platform()
            for (id, status) in users[rotation...] + users[..<rotation] {
                lms.users[id] = LMSUserRecord(id: id, mail: "Ada@acme.example", status: status, firstName: nil, lastName: nil, job: nil, lang: nil)
            }
            let index = MatchIndex(lms: lms, employees: [ada])
            #expect(index.usersByMail["ada@acme.example"] == "u2", "rotation \(rotation)")
            #expect(index.ambiguousMails.isEmpty)
            #expect(index.deletedUsers == ["u0", "u1"])
        }
    }
}
