import Testing
@testable import ForgeKit

@Suite struct MoneyTests {
    @Test func parsesPlainDecimalsExactly() {
        #expect(Money(parsing: "12.34")?.micros == 12_340_000)
        #expect(Money(parsing: "0.000001")?.micros == 1)
        #expect(Money(parsing: "7")?.micros == 7_000_000)
        #expect(Money(parsing: "0.1")?.micros == 100_000)
        #expect(Money(parsing: "999999999999.999999")?.micros == 999_999_999_999_999_999)
    }

    @Test func rejectsWhatIsNotAPlainAmount() {
        for text in ["", ".", "5.", ".5", "-1", "+1", "1e3", "1,000", "0.0000001", "1000000000000", "12.3.4", "NaN", " 1"] {
            #expect(Money(parsing: text) == nil, "\(text)")
        }
    }

    @Test func sumsTenThousandDimesToExactlyOneThousand() {
        var total = Money.zero
        for _ in 0..<10_000 { total += Money(parsing: "0.1")! }
        #expect(total == Money(parsing: "1000"))
        // The same sum in Double is off: this is why Money exists.
        var double = 0.0
        for _ in 0..<10_000 { double += 0.1 }
        #expect(double != 1000)
    }

    @Test func formatsPerCurrencyWithoutLocale() {
        let usd = Currency(code: "USD")
        #expect(usd.format(Money(parsing: "1234.5")!) == "$1,234.50")
        #expect(usd.format(Money(parsing: "0.005")!) == "$0.01")
        #expect(usd.format(Money(parsing: "0.0049")!) == "$0.00")
        #expect(usd.format(Money(parsing: "1234567.891")!) == "$1,234,567.89")
        #expect(Currency(code: "JPY").format(Money(parsing: "1500.5")!) == "¥1,501")
        #expect(Currency(code: "KWD").format(Money(parsing: "2.0005")!) == "KWD\u{00A0}2.001")
        #expect(Currency(code: "EUR").format(Money.zero) == "€0.00")
    }

    @Test func writesTheExactDecimal() {
        #expect(Money(parsing: "12.340")!.plainDecimal == "12.34")
        #expect(Money(parsing: "0.000125")!.plainDecimal == "0.000125")
        #expect(Money(parsing: "3")!.plainDecimal == "3")
    }
}
