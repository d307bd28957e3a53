import DiaBanCore
import Foundation
import Planning

extension HTMLPage {
    /// Marker size of a commune, in SVG units.
    static let markerRadius = 6.5

    /// The map section: the SVG map and its legend.
    func mapSection() -> String {
        var out = "<section class=\"map\">\n<h2>\(HTML.escape(t.mapSection))</h2>\n"
        out += "<p class=\"caption\">\(HTML.escape(t.mapCaption)) <span class=\"screen\">\(HTML.escape(t.mapHover))</span></p>\n<div class=\"mapwrap\">\n"
        out += mapSVG()
        out += legend()
        return out + "</div>\n</section>\n"
    }

    /// Where each officer's trips start: their base, the headquarters by default.
    func base(of id: String) -> GeoPoint? { officers[id]?.base }

    func mapSVG() -> String {
        let cells = CommuneAreas.cells(of: scenario.communes)
        let points = scenario.communes.map(\.location) + [scenario.headquarters] + scenario.officers.map(\.base) + cells.flatMap(\.ring)
        let proj = MapProjection(fitting: points)
        let r = Self.markerRadius
        var out = "<svg id=\"map\" class=\"mapsvg\" viewBox=\"0 0 \(svgNumber(proj.width)) \(svgNumber(proj.height))\" role=\"img\" aria-label=\"\(HTML.escape(t.mapSection))\">\n"
        out += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(svgNumber(proj.width))\" height=\"\(svgNumber(proj.height))\"/>\n"
        out += graticule(proj)
        out += areas(cells, proj)

        // Communes: unchanged first, moved ones on top so their rings show.
        let ordered = scenario.communes.filter { moveNumber[$0.code] == nil } + scenario.communes.filter { moveNumber[$0.code] != nil }
        out += "<g class=\"communes\">\n"
        for commune in ordered {
            let (x, y) = proj.point(commune.location)
            let kpi = shownByCommune[commune.code]
            let now = kpi?.officers ?? []
            let previous = beforeByCommune[commune.code] ?? []
            let moved = moveNumber[commune.code] != nil
            out += "<g class=\"c\(moved ? " moved" : "")\" data-o=\"\(HTML.escape(now.joined(separator: " ")))\">"
            out += "<title>\(HTML.escape(tooltip(commune, kpi: kpi, previous: moved ? previous : nil)))</title>"
            for id in now {
                if let b = base(of: id) {
                    let (bx, by) = proj.point(b)
                    out += "<line class=\"link\" x1=\"\(svgNumber(x))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(bx))\" y2=\"\(svgNumber(by))\" stroke=\"\(colour(id))\"/>"
                }
            }
            if moved {
                for id in previous {
                    if let b = base(of: id) {
                        let (bx, by) = proj.point(b)
                        out += "<line class=\"link prev\" x1=\"\(svgNumber(x))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(bx))\" y2=\"\(svgNumber(by))\" stroke=\"\(colour(id))\"/>"
                    }
                }
                out += "<circle class=\"ring-out\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(r + 5.5))\"/>"
                out += "<circle class=\"ring\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(r + 3.5))\" stroke=\"\(colour(previous.first))\"/>"
            }
            let fill = colour(now.first)
            let terrainClass = commune.isMountain ? "mountain" : "lowland"
            if commune.isMountain {
                out += "<path class=\"commune \(terrainClass)\" d=\"\(SVGShape.triangle(x, y, r))\" fill=\"\(fill)\"/>"
            } else {
                out += "<circle class=\"commune \(terrainClass)\" cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(r))\" fill=\"\(fill)\"/>"
            }
            out += "</g>\n"
        }
        out += "</g>\n"

        // Officers' bases away from the headquarters, one square per place.
        var places: [String: (point: GeoPoint, ids: [String])] = [:]
        var placeOrder: [String] = []
        for officer in scenario.officers where officer.base.greatCircleKm(to: scenario.headquarters) > 0.5 {
            let key = decimal(officer.base.lat, 4) + "," + decimal(officer.base.lon, 4)
            if places[key] == nil { placeOrder.append(key); places[key] = (officer.base, []) }
            places[key]!.ids.append(officer.id)
        }
        out += "<g class=\"bases\">\n"
        for key in placeOrder {
            let place = places[key]!
            let (x, y) = proj.point(place.point)
            let who = place.ids.map { officerName($0) + " (" + $0 + ")" + (officers[$0]?.baseLabel.isEmpty == false ? ", " + officers[$0]!.baseLabel : "") }
            out += "<g class=\"base\" data-o=\"\(HTML.escape(place.ids.joined(separator: " ")))\"><title>\(HTML.escape(t.baseOf + " " + who.joined(separator: "; ")))</title>"
            out += "<path d=\"\(SVGShape.square(x, y, 4.5))\" fill=\"\(colour(place.ids.first))\"/></g>\n"
        }
        out += "</g>\n"

        // The headquarters.
        let (hx, hy) = proj.point(scenario.headquarters)
        out += "<g class=\"hq\"><title>\(HTML.escape(t.headquarters + (headquartersName.map { ": " + $0 } ?? "")))</title><path d=\"\(SVGShape.star(hx, hy, 11))\"/></g>\n"

        // The leader's decisions, a ring style each.
        out += decisionRings({ proj.point($0) }, radius: { _ in r })

        // Move numbers, above everything, offset to the upper right of the marker.
        out += "<g class=\"numbers\">\n"
        for m in moves {
            guard let c = communes[m.move.commune] else { continue }
            let (x, y) = proj.point(c.location)
            out += "<text x=\"\(svgNumber(x + r + 5))\" y=\"\(svgNumber(y - r - 3))\">\(m.number)</text>\n"
        }
        out += "</g>\n"
        out += scaleBar(proj) + northArrow(proj)
        return out + "</svg>\n"
    }

    /// Each commune's approximate area (``CommuneAreas``), filled in its officer's colour,
    /// under the markers; an area carries its commune's code and its officers, like the marker.
    func areas(_ cells: [CommuneAreas.Cell], _ proj: MapProjection) -> String {
        var out = "<g class=\"areas\">\n"
        for cell in cells {
            let now = shownByCommune[cell.code]?.officers ?? []
            let d = cell.ring.enumerated().map { k, p in
                let (x, y) = proj.point(p)
                return (k == 0 ? "M" : "L") + svgNumber(x) + " " + svgNumber(y)
            }.joined() + "Z"
            out += "<path class=\"area\" data-commune=\"\(HTML.escape(cell.code))\" data-o=\"\(HTML.escape(now.joined(separator: " ")))\" d=\"\(d)\" fill=\"\(colour(now.first))\"/>\n"
        }
        return out + "</g>\n"
    }

    /// The hover text of a commune: name, terrain, officer, workload, distance, previous officer.
    func tooltip(_ c: Commune, kpi: KPIs.CommuneKPI?, previous: [String]?) -> String {
        var lines = ["\(c.name) (\(c.code)) · \(t.terrainNames[c.terrain] ?? c.terrain.rawValue)"]
        let now = kpi?.officers ?? []
        if now.isEmpty {
            lines.append("\(t.officer): \(t.unassigned)")
        } else {
            for (i, id) in now.enumerated() {
                let km = kpi.flatMap { i < $0.distanceKm.count ? $0.distanceKm[i] : nil }
                lines.append("\(t.officer): \(officerName(id)) (\(id))" + (km.map { " · \(t.distance) \(lang.number($0, 1)) km" } ?? ""))
            }
        }
        lines.append("\(t.workload): \(lang.number(c.workload, 2))")
        if !c.requiredSpecialties.isEmpty { lines.append(c.requiredSpecialties.map { t.specialty($0.rawValue) }.joined(separator: ", ")) }
        if let previous {
            let number = moveNumber[c.code].map { " [\($0)]" } ?? ""
            lines.append("\(t.previousOfficer): " + (previous.isEmpty ? "—" : previous.map { "\(officerName($0)) (\($0))" }.joined(separator: ", ")) + number)
        }
        return lines.joined(separator: "\n")
    }

    /// Parallels and meridians every half degree, labelled at the edges.
    func graticule(_ p: MapProjection) -> String {
        var out = "<g class=\"grat\">\n"
        let step = 0.5
        var lon = (p.minLon / step).rounded(.up) * step
        while lon <= p.maxLon + 1e-9 {
            let x = p.x(lon)
            out += "<line x1=\"\(svgNumber(x))\" y1=\"0\" x2=\"\(svgNumber(x))\" y2=\"\(svgNumber(p.height))\"/>"
            out += "<text x=\"\(svgNumber(x + 3))\" y=\"\(svgNumber(p.height - 6))\">\(lang.number(lon, 1))°\(lang == .vi ? "Đ" : "E")</text>\n"
            lon += step
        }
        var lat = (p.minLat / step).rounded(.up) * step
        while lat <= p.maxLat + 1e-9 {
            let y = p.y(lat)
            out += "<line x1=\"0\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(p.width))\" y2=\"\(svgNumber(y))\"/>"
            out += "<text x=\"4\" y=\"\(svgNumber(y - 4))\">\(lang.number(lat, 1))°\(lang == .vi ? "B" : "N")</text>\n"
            lat += step
        }
        return out + "</g>\n"
    }

    /// A scale bar of a round length, about a fifth of the map's width, bottom left.
    func scaleBar(_ p: MapProjection) -> String {
        let candidates = [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
        let km = candidates.last { $0 * p.unitsPerKm <= p.width * 0.2 } ?? candidates[0]
        let len = km * p.unitsPerKm
        let x0 = p.margin, y0 = p.height - 28
        var out = "<g class=\"scale\">"
        out += "<path d=\"M\(svgNumber(x0)) \(svgNumber(y0 - 5))v5h\(svgNumber(len))v-5\"/>"
        out += "<text x=\"\(svgNumber(x0 + len / 2))\" y=\"\(svgNumber(y0 - 9))\">\(lang.number(km, 0)) \(HTML.escape(t.scaleKm))</text>"
        return out + "</g>\n"
    }

    /// A north arrow, top right.
    func northArrow(_ p: MapProjection) -> String {
        let x = p.width - 24, y = 20.0
        return "<g class=\"north\"><path d=\"M\(svgNumber(x)) \(svgNumber(y))l7 20l-7 -5l-7 5Z\"/>"
            + "<text x=\"\(svgNumber(x))\" y=\"\(svgNumber(y + 34))\">\(lang == .vi ? "B" : "N")</text></g>\n"
    }

    /// The legend: symbols, then one entry per officer (a button that highlights their communes).
    func legend() -> String {
        let r = Self.markerRadius
        func icon(_ inner: String) -> String { "<svg class=\"ico\" viewBox=\"0 0 28 28\" aria-hidden=\"true\">\(inner)</svg>" }
        var out = "<aside class=\"legend\">\n<ul class=\"symbols\">\n"
        out += "<li>\(icon("<path class=\"lg\" d=\"\(SVGShape.triangle(14, 15, r))\"/>"))\(HTML.escape(t.legendMountain))</li>\n"
        out += "<li>\(icon("<circle class=\"lg\" cx=\"14\" cy=\"14\" r=\"\(svgNumber(r))\"/>"))\(HTML.escape(t.legendLowland))</li>\n"
        out += "<li>\(icon("<circle class=\"ring-out\" cx=\"14\" cy=\"14\" r=\"\(svgNumber(r + 5.5))\"/><circle class=\"ring\" cx=\"14\" cy=\"14\" r=\"\(svgNumber(r + 3.5))\" stroke=\"#888\"/><circle class=\"lg\" cx=\"14\" cy=\"14\" r=\"\(svgNumber(r))\"/>"))\(HTML.escape(t.legendMoved))</li>\n"
        out += "<li>\(icon("<path class=\"hqi\" d=\"\(SVGShape.star(14, 14, 11))\"/>"))\(HTML.escape(t.legendHQ))</li>\n"
        out += "<li>\(icon("<path class=\"lg\" d=\"\(SVGShape.square(14, 14, 4.5))\"/>"))\(HTML.escape(t.legendBase))</li>\n"
        out += "<li>\(icon("<path class=\"area lg\" d=\"M4 9L13 3L25 8L23 21L9 25Z\"/>"))\(HTML.escape(t.legendAreas))</li>\n"
        out += "</ul>\n" + decisionLegend() + "<h3>\(HTML.escape(t.legendOfficers))</h3>\n<p class=\"hint screen\">\(HTML.escape(t.legendHint))</p>\n<ol class=\"who\">\n"
        for officer in scenario.officers {
            let n = officerAfter[officer.id]?.communes.count ?? 0
            let leave = officer.isActive ? "" : " <em>(\(HTML.escape(t.onLeave)))</em>"
            out += "<li><button type=\"button\" data-pick=\"\(HTML.escape(officer.id))\">\(swatch(officer.id))<span class=\"id\">\(HTML.escape(officer.id))</span> \(HTML.escape(officer.name))\(leave) <small>\(n)</small></button></li>\n"
        }
        out += "</ol>\n<p class=\"screen\"><button type=\"button\" class=\"all\" data-pick=\"\">\(HTML.escape(t.showAll))</button></p>\n"
        return out + "</aside>\n"
    }
}
