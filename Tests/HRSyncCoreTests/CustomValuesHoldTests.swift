import Foundation
import HRSyncTestSupport
import Testing

@testable import HRSyncCore

/// `CustomFieldRule.holds`, the planner's shortcut for a user whose values are as Personio has
/// them: whenever it says so, the full list `desiredValues` builds is the user's list unchanged.
@Suite struct CustomValuesHoldTests {
    typealias Wanted = (ref: FieldRef, type: String, value: String?)

    let dept = LMSCustomValue(fieldID: "dept", type: "string", value: "Sales")
    let hired = LMSCustomValue(fieldID: "hired", type: "date", value: "2022-01-12")

    @Test func valuesAsWantedHold() {
        let configured: [Wanted] = [(.existing("dept"), "string", "Sales"), (.existing("hired"), "date", "2022-01-12"), (.existing("cc"), "string", nil)]
        #expect(CustomFieldRule.holds(configured, stored: [hired, dept], managedEarlier: ["dept", "hired", "cc"]))
    }

    @Test func aDifferenceDoesNotHold() {
        let current = [dept, hired]
        #expect(!CustomFieldRule.holds([(.existing("dept"), "string", "Finance")], stored: current, managedEarlier: []))
        #expect(!CustomFieldRule.holds([(.existing("dept"), "date", "Sales")], stored: current, managedEarlier: []), "the type differs")
        #expect(!CustomFieldRule.holds([(.existing("dept"), "string", nil)], stored: current, managedEarlier: []), "to be cleared")
        #expect(!CustomFieldRule.holds([(.created(name: "Cost center"), "string", "4711")], stored: current, managedEarlier: []), "to be set")
        #expect(!CustomFieldRule.holds([], stored: current, managedEarlier: ["hired"]), "managed earlier, no longer configured: removed")
        #expect(!CustomFieldRule.holds([], stored: [dept, dept], managedEarlier: []), "a definition twice is left to desiredValues")
    }

    @Test func manyValuesAreCheckedForARepeatedDefinitionToo() {
        let many = (0..<20).map { LMSCustomValue(fieldID: "f\($0)", type: "string", value: "v") }
        let configured: [Wanted] = many.map { (.existing($0.fieldID), "string", "v") }
        #expect(CustomFieldRule.holds(configured, stored: many, managedEarlier: []))
        #expect(!CustomFieldRule.holds(configured, stored: many + [many[3]], managedEarlier: []), "a definition twice among 21")
    }

    /// Random small cases: `holds` never says yes when `desiredValues` would change the list.
    @Test func holdsOnlyWhenNothingChanges() {
        var random = SeededRandom.forTest()
        let refs: [FieldRef] = [.existing("a"), .existing("b"), .existing("c"), .created(name: "d")]
        let types = ["string", "date"], values = ["x", "y"]
        var held = 0
        for _ in 0..<20_000 {
            // Stored values are of existing definitions (the first three refs).
            let stored = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                LMSCustomValue(
                    fieldID: refs[Int.random(in: 0...2, using: &random)].existingID!, type: types.randomElement(using: &random)!,
                    value: values.randomElement(using: &random)!)
            }
            let current = stored.map(CustomValue.init)
            let configured: [Wanted] = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                (
                    refs.randomElement(using: &random)!, types.randomElement(using: &random)!,
                    Bool.random(using: &random) ? nil : values.randomElement(using: &random)!
                )
            }
            let managed = Set(["a", "b", "c"].filter { _ in Bool.random(using: &random) })
            guard CustomFieldRule.holds(configured, stored: stored, managedEarlier: managed) else { continue }
            held += 1
            var byField: [FieldRef: (type: String, value: String?)] = [:]
            for wanted in configured { byField[wanted.ref] = (wanted.type, wanted.value) }
            let desired = CustomFieldRule.desiredValues(current: current, configured: byField, managedEarlier: managed)
            #expect(desired == current.sorted(), "current \(current), configured \(configured), managed \(managed); \(random.replay)")
        }
        #expect(held > 500, "the cases reach the shortcut (\(held) of 20,000; \(random.replay))")
    }
}
