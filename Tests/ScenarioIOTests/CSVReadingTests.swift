import DiaBanCore
import Foundation
import Testing
@testable import ScenarioIO

@Suite("Reading CSV as spreadsheets write it")
struct CSVReadingTests {
    @Test("BOM, CRLF, quoted commas and line breaks, spaces and header spelling")
    func spreadsheetExport() throws {
        let communes = "\u{FEFF}Code , NAME,Kind,Terrain,Area km2,population,lat,lon\r\n"
            + "10001,\"Xã Một, Bản Trên\",xa,mountain,100,10000,19.0,105.0\r\n"
            + "10002,\"Phường\r\nHai\",phuong,lowland,10,50000,18.7,105.6\r\n"
            + "  10003  ,  Xã Ba  , xa , lowland ,12,3000,18.8,105.5\r\n"
        let current = "commune,officer\r\n10001,O1\r\n10002,O2\r\n10003,O2\r\n"
        guard let l = try load(communes: communes, current: current).loaded() else { return }
        let names = l.scenario.communes.map(\.name)
        #expect(names == ["Xã Một, Bản Trên", "Phường\r\nHai", "Xã Ba"])
        #expect(l.scenario.communes[2].code == "10003")
    }

    @Test("Line numbers count the lines of quoted multi-line fields")
    func lineNumbersAfterMultilineFields() throws {
        let communes = """
            code,name,kind,terrain,area_km2,population,lat,lon
            10001,"Xã
            Một
            (ba dòng)",xa,mountain,100,10000,19.0,105.0
            10002,Phường Hai,phuong,lowland,10,50000,18.7,999

            """
        let errors = try load(communes: communes).errors()
        #expect(errors.count >= 1)
        let lon = errors.first { $0.field == "lon" }
        #expect(lon?.line == 5)
        #expect(lon?.file.hasSuffix("communes.csv") == true)
    }

    @Test("The same name matches in NFC and NFD")
    func nfdAndNFC() throws {
        let nfd = "Xã Mường Xén".decomposedStringWithCanonicalMapping
        let nfc = "Xã Mường Xén".precomposedStringWithCanonicalMapping
        #expect(nfd != nfc || nfd.unicodeScalars.count != nfc.unicodeScalars.count)
        let communes = """
            code,name,kind,former_district,terrain,area_km2,population,lat,lon
            10001,\(nfd),xa,\("Huyện Kỳ Sơn".decomposedStringWithCanonicalMapping),mountain,100,10000,19.0,105.0
            10002,Phường Hai,phuong,Thành phố Vinh,lowland,10,50000,18.7,105.6

            """
        let yaml = minimalYAML + """
            requirements:
              - specialty: border-security
                select: {formerDistricts: [\("Kỳ Sơn".precomposedStringWithCanonicalMapping)]}

            """
        guard let l = try load(yaml: yaml, communes: communes).loaded() else { return }
        let c = l.scenario.communes[0]
        #expect(c.name.unicodeScalars.elementsEqual(nfc.unicodeScalars))
        #expect(c.requiredSpecialties == ["border-security"])
    }

    @Test("A Windows-1258 or Latin-1 file is refused with its line")
    func notUTF8() throws {
        var data = Data(minimalCommunes.utf8)
        data.append(contentsOf: [0x31, 0x30, 0x30, 0x30, 0x33, 0x2C, 0x58, 0xE3, 0x0A]) // "10003,X\xE3\n"
        let errors = try load(communes: data).errors()
        #expect(errors.map(\.code) == [.notText])
        #expect(errors.first?.line == 4)
    }

    @Test("Binary garbage, UTF-16 and empty files are named as such")
    func notCSVAtAll() throws {
        let zip = Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00])
        #expect(try load(communes: zip).errors().map(\.code) == [.notText])
        let utf16 = Data([0xFF, 0xFE]) + "code".data(using: .utf16LittleEndian)!
        let e16 = try load(communes: utf16).errors()
        #expect(e16.map(\.code) == [.notText])
        #expect(e16.first?.message.contains("UTF-16") == true)
        #expect(try load(communes: Data()).errors().map(\.code) == [.emptyFile])
        #expect(try load(communes: Data("  \r\n\n".utf8)).errors().map(\.code) == [.emptyFile])
        let headerOnly = try load(officers: "id,name,capacity\n").errors()
        #expect(headerOnly.map(\.code).contains(.emptyFile))
    }

    @Test("Missing and duplicate columns are reported on line 1")
    func columns() throws {
        let errors = try load(officers: "id,name,capcity,id\nO1,A,5,O1\nO2,B,5,O2\n").errors()
        let missing = errors.first { $0.code == .missingColumn }
        #expect(missing?.line == 1)
        #expect(missing?.field == "capacity")
        #expect(missing?.message.contains("Did you mean capcity?") == true)
        #expect(errors.contains { $0.code == .duplicateColumn && $0.line == 1 && $0.field == "id" })
    }

    @Test("An unclosed quote and a row with too many fields")
    func malformed() throws {
        let unclosed = try load(officers: "id,name,capacity\nO1,\"Nguyễn Văn A,5\nO2,B,5\n").errors()
        #expect(unclosed.map(\.code) == [.malformedCSV])
        #expect(unclosed.first?.line == 2)
        let extra = try load(officers: "id,name,capacity\nO1,Nguyễn, Văn A,5\nO2,B,5\n").errors()
        #expect(extra.contains { $0.code == .malformedCSV && $0.line == 2 })
    }

    @Test("A missing table names the YAML line that points to it")
    func missingTable() throws {
        let yaml = minimalYAML.replacingOccurrences(of: "officers: officers.csv", with: "officers: nowhere.csv")
        let errors = try load(yaml: yaml).errors()
        let e = errors.first { $0.code == .unreadableFile }
        #expect(e?.file.hasSuffix("scenario.yaml") == true)
        #expect(e?.line == 3)
        #expect(e?.message.contains("nowhere.csv") == true)
    }

    @Test("Blank lines and rows of empty fields are skipped")
    func blankRows() throws {
        let communes = minimalCommunes + "\n,,,,,,,\n\n"
        guard let l = try load(communes: communes).loaded() else { return }
        #expect(l.scenario.communes.count == 2)
    }
}
