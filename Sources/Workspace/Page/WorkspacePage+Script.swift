extension WorkspacePage {
    /// The page's script: panels for scenarios, what-ifs, solves, comparisons and trade-offs,
    /// in Vietnamese and English, with no library and no request but to this server. New
    /// panels join the `panels` object and the `order` list.
    static let script = #"""
        'use strict';
        // DiaBan workspace: one page, no library, nothing from the network. Every request goes to
        // this server; requests that change something carry the session's CSRF token.
        (() => {
          const csrf = document.querySelector('meta[name="csrf-token"]').content;

          // ---------------------------------------------------------------- words (vi, en)
          const T = {
            vi: {
              title: 'DiaBan — Không gian làm việc',
              workspace: 'Không gian làm việc',
              tabScenarios: 'Kịch bản', tabWhatIf: 'Tạo giả định', tabSolve: 'Giải', tabCompare: 'So sánh', tabTradeoff: 'Đánh đổi',
              queue: (r, l, q) => `Đang giải ${r}/${l} · Chờ ${q}`,
              reload: 'Tải lại', loading: 'Đang tải…', folder: 'Thư mục',
              file: 'Tệp', name: 'Tên', status: 'Tình trạng', base: 'Kịch bản gốc',
              valid: 'Hợp lệ', infeasible: 'Không khả thi', badData: n => `${n} lỗi`,
              notes: n => `${n} lưu ý`,
              checkTitle: 'Kết quả kiểm tra (như lệnh diaban check)',
              problemsTitle: 'Các lỗi', where: 'Vị trí', field: 'Trường', message: 'Nội dung', whatToDo: 'Cách sửa',
              solveThis: 'Giải kịch bản này', whatIfFrom: 'Tạo giả định từ kịch bản này', compareThis: 'So sánh với kịch bản khác',
              showYaml: 'Xem tệp YAML', pickScenario: 'Chọn một kịch bản trong danh sách để xem kết quả kiểm tra.',
              // what-if form
              whatIfIntro: 'Một giả định bắt đầu từ một kịch bản và liệt kê các thay đổi. Tệp được lưu cạnh kịch bản gốc và được kiểm tra như lệnh diaban check.',
              baseScenario: 'Kịch bản gốc', newFile: 'Tên tệp mới', wiName: 'Tên giả định', question: 'Câu hỏi (dòng đầu của tệp)',
              description: 'Mô tả', changes: 'Các thay đổi', addChange: 'Thêm thay đổi', noChanges: 'Chưa có thay đổi nào.',
              rulesWeights: 'Quy tắc và trọng số (để trống: giữ như kịch bản gốc)',
              check: 'Kiểm tra', save: 'Lưu', saved: p => `Đã lưu ${p}.`, solveSaved: 'Giải giả định này',
              exists: p => `Tệp ${p} đã có. Thay thế tệp này?`, replace: 'Thay thế', cancel: 'Hủy',
              previewValid: 'Hợp lệ: có thể lưu.', previewInvalid: n => `Có ${n} lỗi: chưa thể lưu.`,
              yamlTitle: 'Tệp sẽ được ghi', remove: 'Xóa', note: 'Ghi chú',
              chooseBaseFirst: 'Chọn kịch bản gốc trước.',
              op_removeOfficer: 'Cán bộ rời đi', op_addOfficer: 'Thêm cán bộ', op_setOfficerStatus: 'Nghỉ phép / trở lại',
              op_setCapacity: 'Đổi công suất', op_setBase: 'Đổi nơi làm việc', op_setSpecialties: 'Đào tạo / bỏ chuyên môn',
              op_setWorkload: 'Đổi khối lượng xã', op_setStaffing: 'Đổi số cán bộ của xã', op_setRequiredSpecialties: 'Đặt chuyên môn xã cần',
              op_requireSpecialty: 'Yêu cầu chuyên môn', op_lock: 'Giữ cố định cặp', op_forbid: 'Cấm cặp',
              officer: 'Cán bộ', commune: 'Xã, phường', communes: 'Các xã, phường', statusWord: 'Trạng thái',
              active: 'đang làm việc', leave: 'nghỉ phép', capacity: 'Công suất (đơn vị/năm)',
              add: 'Thêm chuyên môn', removeSp: 'Bỏ chuyên môn', specialty: 'Chuyên môn', specialties: 'Chuyên môn',
              byCommunes: 'Chọn từng xã', bySelection: 'Chọn theo tiêu chí', formerDistricts: 'Huyện cũ', provinces: 'Tỉnh',
              terrain: 'Địa hình', kinds: 'Loại đơn vị', mountain: 'miền núi', highland: 'vùng cao', midland: 'trung du', lowland: 'đồng bằng',
              xa: 'xã', phuong: 'phường', 'dac-khu': 'đặc khu',
              workloadValue: 'Khối lượng mới (đơn vị)', workloadScale: 'Nhân với hệ số', staffing: 'Số cán bộ theo dõi',
              newBase: 'Nơi làm việc mới', atCommune: 'Tại một xã', atPoint: 'Tọa độ', atHQ: 'Trụ sở Tỉnh ủy', lat: 'Vĩ độ', lon: 'Kinh độ', label: 'Tên nơi',
              newId: 'Mã', newName: 'Họ tên', homeCommune: 'Xã quê (không được theo dõi)', minCommunes: 'Ít nhất (xã)', maxCommunes: 'Nhiều nhất (xã)',
              searchOfficer: 'Tìm cán bộ: mã hoặc tên (gõ không dấu cũng được)', searchCommune: 'Tìm xã, phường: tên hoặc mã',
              searchSpecialty: 'Tìm hoặc gõ chuyên môn mới', searchDistrict: 'Tìm huyện cũ', newSpecialty: s => `+ chuyên môn mới „${s}”`,
              noMatch: 'Không có kết quả', keep: 'giữ như gốc',
              maxChanges: 'Số thay đổi tối đa', coverage: 'Đáp ứng chuyên môn', soft: 'mềm (phạt điểm)', hard: 'bắt buộc',
              balanceTolerance: 'Dung sai cân bằng (0–1)', candidateLimit: 'Số cán bộ ứng viên mỗi xã',
              w_travel: 'Trọng số đi lại', w_mountainBalance: 'Trọng số cân bằng miền núi', w_mountainMaxDeviation: 'Trọng số lệch miền núi lớn nhất',
              w_workloadBalance: 'Trọng số cân bằng khối lượng', w_workloadMax: 'Trọng số mức sử dụng cao nhất', w_coverage: 'Trọng số chuyên môn',
              w_change: 'Trọng số thay đổi',
              // solve
              solveIntro: 'Giải một kịch bản. Mỗi lúc chỉ giải được một số kịch bản (bằng số nhân máy); các lần giải khác xếp hàng chờ.',
              scenario: 'Kịch bản', timeLimit: 'Thời gian tối đa (giây)', timeLimitHint: 'để trống: theo kịch bản',
              solve: 'Giải', stop: 'Dừng', stopping: 'Đang dừng…', jobs: 'Các lần giải', noJobs: 'Chưa có lần giải nào.',
              kind: 'Loại', kind_solve: 'giải', kind_tradeoff: 'đánh đổi', state: 'Trạng thái', view: 'Xem',
              st_queued: p => `đang chờ (thứ ${p})`, st_running: 'đang giải', st_finished: 'xong', st_failed: 'lỗi', st_cancelled: 'đã hủy',
              elapsed: 'Thời gian', incumbent: 'Phương án tốt nhất', bound: 'Cận dưới', gap: 'Sai số', nodes: 'Số nút',
              points: 'điểm phạt', seconds: 's', ofLimit: l => `/ ${l} s`,
              stoppedBy_user: 'dừng theo yêu cầu', stoppedBy_unwatched: 'dừng vì không còn trang nào theo dõi', stoppedBy_shutdown: 'dừng vì máy chủ tắt',
              res_optimal: 'Tối ưu (đã chứng minh)', res_feasible: g => `Khả thi, chưa chứng minh tối ưu${g}`,
              res_interrupted: 'Bị dừng: phương án tốt nhất đến lúc dừng, chưa chứng minh tối ưu', res_interruptedNone: 'Bị dừng, chưa có phương án',
              res_infeasible: 'Không khả thi: không phương án nào thỏa mọi quy tắc bắt buộc', res_noSolution: 'Không tìm được phương án trong thời gian cho phép',
              res_failed: 'Bộ giải gặp lỗi', gapIn: g => ` (sai số ${g})`, moves: n => `${n} xã, phường đổi cán bộ`,
              openReport: 'Mở báo cáo trong thẻ mới', downloadJson: 'Tải kết quả JSON', reportTitle: 'Báo cáo',
              chartTitle: 'Diễn biến: phương án tốt nhất và cận dưới',
              // compare
              compareIntro: 'Chọn các kịch bản cần so sánh. Kịch bản tham chiếu là cột đầu tiên; bản đồ cho thấy các xã có cán bộ khác với phương án tham chiếu.',
              reference: 'Tham chiếu', compare: 'So sánh', resolveAll: 'Giải lại tất cả (không dùng kết quả cũ)',
              reuse: (s) => `dùng lần giải trước (${s})`, newSolve: 'giải mới', pickTwo: 'Chọn ít nhất hai kịch bản.',
              focus: 'Bản đồ khác biệt của', downloadCompare: 'Tải bảng so sánh JSON', compareFailed: 'Một lần giải không có phương án; không thể so sánh bản đồ.',
              // trade-off
              tradeoffIntro: 'Giải kịch bản nhiều lần, mỗi lần cho phép một số thay đổi tối đa: mỗi thay đổi thêm mang lại bao nhiêu điểm?',
              from: 'Từ', to: 'Đến', step: 'Bước', perPoint: 'Thời gian mỗi điểm (giây)', run: 'Chạy', pointOf: (d, n) => `Điểm ${d}/${n}`,
              value: 'Tối đa', movesCol: 'Số thay đổi', withoutContinuity: 'Điểm phạt (trừ ổn định)', gainPerMove: 'Lợi ích mỗi thay đổi',
              // decide
              tabDecide: 'Quyết định', openDecide: 'Quyết định các đề xuất', kind_replan: 'giải theo quyết định',
              decideIntro: 'Lãnh đạo xem từng đề xuất điều chuyển và quyết định: đồng ý, không đồng ý, giữ nguyên hoặc để chờ. Phương án được lập lại theo các quyết định như lệnh diaban solve --decisions; bảng quyết định được lưu thành decisions.csv cạnh kịch bản và đưa vào sổ theo dõi như lệnh diaban register adopt.',
              decideNone: 'Chưa có lần giải nào có phương án để quyết định. Giải một kịch bản ở thẻ Giải, rồi mở thẻ này.',
              decideSolve: 'Lần giải', replanOf: (id) => `lập lại theo quyết định (từ lần giải ${id})`,
              v_accept: 'Đồng ý', v_reject: 'Không đồng ý', v_keep: 'Giữ nguyên', v_pending: 'Chờ',
              decideCounts: (a, r, k, p) => `${a} đồng ý · ${r} không đồng ý · ${k} giữ nguyên · ${p} chờ`,
              colMove: 'Số', colFromTo: 'Từ → Đến', colGain: 'Lợi (điểm)', colReason: 'Lý do', colDecision: 'Quyết định',
              forcedBy: (r) => `bắt buộc (${r})`, earlierRow: 'quyết định trước, vẫn còn hiệu lực',
              decideKeys: 'Trên một dòng: phím A đồng ý, R không đồng ý, K giữ nguyên, P chờ; Tab sang dòng sau.',
              allPending: 'Đặt tất cả về Chờ', noMoves: 'Phương án này không đề xuất điều chuyển nào.',
              replan: 'Lập lại phương án theo các quyết định này', replanTitle: 'Lập lại phương án',
              saveDecisions: 'Lưu decisions.csv', saveName: 'Tên tệp (cạnh kịch bản)', savedDecisions: (p, n) => `Đã lưu ${p} (${n} byte), đọc được bằng diaban solve --decisions.`,
              loadDecisions: 'Nạp tệp quyết định', loadPath: 'Tệp quyết định trong thư mục', loadedFrom: (p) => `Đã nạp ${p}.`,
              reviewTitle: 'Chi phí của các quyết định so với đề xuất', honoured: 'Phương án mới tuân thủ mọi quyết định.',
              notHonoured: 'Phương án mới KHÔNG tuân thủ mọi quyết định — không sử dụng.', costLine: (c) => `Chi phí của các quyết định: ${c} điểm phạt so với đề xuất.`,
              proposalCol: 'Đề xuất', decidedCol: 'Theo quyết định', diffCol: 'Chênh lệch',
              k_total: 'Tổng điểm phạt', k_coverage: 'Điểm: chuyên môn', k_mountainBalance: 'Điểm: cân bằng miền núi', k_workloadBalance: 'Điểm: cân bằng khối lượng',
              k_travel: 'Điểm: đi lại', k_changes: 'Điểm: thay đổi', k_km: 'km đi lại mỗi năm', k_maxUtil: 'Mức sử dụng cao nhất',
              k_spread: 'Chênh lệch tỷ lệ miền núi (điểm %)', k_uncovered: 'Nhu cầu chuyên môn chưa đáp ứng', k_overloaded: 'Cán bộ quá tải', k_moves: 'Số xã thay đổi',
              appeared: 'Thay đổi phát sinh do các quyết định', disappeared: 'Thay đổi không còn do các quyết định', none: 'Không có.',
              tiedTo: (l) => `liên quan đến quyết định ${l}`, tiedToAll: 'phương án điều chỉnh chung theo các quyết định',
              decideNext: 'Bảng dưới đây là các đề xuất của phương án mới: quyết định cũ được giữ, thay đổi mới phát sinh để Chờ.',
              registerTitle: 'Đưa vào sổ theo dõi', registerPath: 'Sổ theo dõi (tệp .sqlite trong thư mục)', asOf: 'Sổ mới: bắt đầu từ ngày',
              newRegisterHint: 'Sổ mới được lập từ phân công hiện tại của kịch bản.', effective: 'Ngày hiệu lực', decisionRef: 'Số quyết định',
              referenceHint: 'Quyết định số …/QĐ-TU', adopt: 'Đưa vào sổ…', adoptYes: 'Ghi vào sổ', needAdopt: 'Nhập ngày hiệu lực, số quyết định và tệp sổ (cùng ngày bắt đầu nếu là sổ mới).',
              adoptConfirm: (ref, eff, file, asOf) => `Ghi quyết định «${ref}», có hiệu lực từ ngày ${eff}, vào sổ ${file}?` + (asOf ? ` Sổ mới sẽ được lập từ kịch bản, bắt đầu ngày ${asOf}.` : '') + ' Chỉ các đề xuất được đồng ý (và các thay đổi bắt buộc) có hiệu lực; quyết định đã ghi không thể xóa.',
              adopted: (ref, file) => `Đã ghi «${ref}» vào ${file}.`, registerOn: (d) => `Phân công theo sổ ngày ${d}`, registerSound: 'Kiểm tra sổ (diaban register check): không có lỗi.',
              since: 'Từ ngày', tenure: 'Thời gian', begunBy: 'Theo quyết định', until: 'Đến ngày', endedBy: 'Kết thúc theo', inForce: 'đang hiệu lực',
              years: (y, d) => (y > 0 ? `${y} năm (${d} ngày)` : `${d} ngày`), historyOf: (n) => `Lịch sử: ${n}`, historyHint: 'Bấm vào một dòng để xem lịch sử của xã.',
              cliShow: 'Như lệnh diaban register show in ra', cliAdopt: 'Như lệnh diaban register adopt in ra', registerNew: 'sổ mới',
              error: 'Lỗi', networkError: 'Không kết nối được máy chủ.',
            },
            en: {
              title: 'DiaBan — Workspace',
              workspace: 'Workspace',
              tabScenarios: 'Scenarios', tabWhatIf: 'New what-if', tabSolve: 'Solve', tabCompare: 'Compare', tabTradeoff: 'Trade-off',
              queue: (r, l, q) => `Solving ${r}/${l} · Waiting ${q}`,
              reload: 'Reload', loading: 'Loading…', folder: 'Folder',
              file: 'File', name: 'Name', status: 'Status', base: 'Base scenario',
              valid: 'Valid', infeasible: 'Infeasible', badData: n => `${n} problem${n === 1 ? '' : 's'}`,
              notes: n => `${n} note${n === 1 ? '' : 's'}`,
              checkTitle: 'Check (as diaban check prints it)',
              problemsTitle: 'Problems', where: 'Where', field: 'Field', message: 'What is wrong', whatToDo: 'What to do',
              solveThis: 'Solve this scenario', whatIfFrom: 'New what-if from this scenario', compareThis: 'Compare with another scenario',
              showYaml: 'Show the YAML file', pickScenario: 'Pick a scenario in the list to see its check.',
              whatIfIntro: 'A what-if starts from a scenario and lists changes. The file is saved beside its base and checked as diaban check checks it.',
              baseScenario: 'Base scenario', newFile: 'New file name', wiName: 'Name', question: 'Question (the file\'s first line)',
              description: 'Description', changes: 'Changes', addChange: 'Add a change', noChanges: 'No change yet.',
              rulesWeights: 'Rules and weights (empty: as in the base)',
              check: 'Check', save: 'Save', saved: p => `Saved ${p}.`, solveSaved: 'Solve this what-if',
              exists: p => `${p} already exists. Replace it?`, replace: 'Replace', cancel: 'Cancel',
              previewValid: 'Valid: it can be saved.', previewInvalid: n => `${n} problem${n === 1 ? '' : 's'}: not saved yet.`,
              yamlTitle: 'The file to be written', remove: 'Remove', note: 'Note',
              chooseBaseFirst: 'Choose the base scenario first.',
              op_removeOfficer: 'Officer leaves', op_addOfficer: 'Add an officer', op_setOfficerStatus: 'Leave / back',
              op_setCapacity: 'Change capacity', op_setBase: 'Change base', op_setSpecialties: 'Train / drop a specialty',
              op_setWorkload: 'Change workload', op_setStaffing: 'Change staffing', op_setRequiredSpecialties: 'Set required specialties',
              op_requireSpecialty: 'Require a specialty', op_lock: 'Lock a pair', op_forbid: 'Forbid a pair',
              officer: 'Officer', commune: 'Commune', communes: 'Communes', statusWord: 'Status',
              active: 'active', leave: 'on leave', capacity: 'Capacity (units a year)',
              add: 'Add specialties', removeSp: 'Remove specialties', specialty: 'Specialty', specialties: 'Specialties',
              byCommunes: 'Pick communes', bySelection: 'Select by criteria', formerDistricts: 'Former districts', provinces: 'Provinces',
              terrain: 'Terrain', kinds: 'Kinds', mountain: 'mountain', highland: 'highland', midland: 'midland', lowland: 'lowland',
              xa: 'xã', phuong: 'phường', 'dac-khu': 'đặc khu',
              workloadValue: 'New workload (units)', workloadScale: 'Multiply by', staffing: 'Officers tracking it',
              newBase: 'New base', atCommune: 'At a commune', atPoint: 'Coordinates', atHQ: 'Headquarters', lat: 'Latitude', lon: 'Longitude', label: 'Label',
              newId: 'Id', newName: 'Full name', homeCommune: 'Home commune (never tracked)', minCommunes: 'At least (communes)', maxCommunes: 'At most (communes)',
              searchOfficer: 'Find an officer: id or name (diacritics optional)', searchCommune: 'Find a commune: name or code',
              searchSpecialty: 'Find or type a new specialty', searchDistrict: 'Find a former district', newSpecialty: s => `+ new specialty “${s}”`,
              noMatch: 'No match', keep: 'as in the base',
              maxChanges: 'Most changes', coverage: 'Coverage', soft: 'soft (points)', hard: 'hard',
              balanceTolerance: 'Balance tolerance (0–1)', candidateLimit: 'Candidate officers per commune',
              w_travel: 'Travel weight', w_mountainBalance: 'Mountain balance weight', w_mountainMaxDeviation: 'Largest mountain deviation weight',
              w_workloadBalance: 'Workload balance weight', w_workloadMax: 'Largest utilisation weight', w_coverage: 'Coverage weight',
              w_change: 'Change weight',
              solveIntro: 'Solve a scenario. As many solves run at once as the machine has cores; the others wait in the queue.',
              scenario: 'Scenario', timeLimit: 'Time limit (seconds)', timeLimitHint: 'empty: the scenario\'s',
              solve: 'Solve', stop: 'Stop', stopping: 'Stopping…', jobs: 'Solves', noJobs: 'No solve yet.',
              kind: 'Kind', kind_solve: 'solve', kind_tradeoff: 'trade-off', state: 'State', view: 'View',
              st_queued: p => `waiting (#${p})`, st_running: 'solving', st_finished: 'done', st_failed: 'failed', st_cancelled: 'cancelled',
              elapsed: 'Time', incumbent: 'Best plan', bound: 'Bound', gap: 'Gap', nodes: 'Nodes',
              points: 'points', seconds: 's', ofLimit: l => `/ ${l} s`,
              stoppedBy_user: 'stopped on request', stoppedBy_unwatched: 'stopped: no page was watching it', stoppedBy_shutdown: 'stopped: the server shut down',
              res_optimal: 'Optimal (proven)', res_feasible: g => `Feasible, not proven optimal${g}`,
              res_interrupted: 'Interrupted: best plan so far, not proven optimal', res_interruptedNone: 'Interrupted, no plan found yet',
              res_infeasible: 'Infeasible: no plan satisfies the hard rules', res_noSolution: 'No solution within the time limit',
              res_failed: 'Solver failure', gapIn: g => ` (gap ${g})`, moves: n => `${n} commune${n === 1 ? '' : 's'} change officer`,
              openReport: 'Open the report in a new tab', downloadJson: 'Download the JSON result', reportTitle: 'Report',
              chartTitle: 'Progress: best plan and bound',
              compareIntro: 'Pick the scenarios to compare. The reference is the first column; the map shows the communes whose officers differ from the reference plan.',
              reference: 'Reference', compare: 'Compare', resolveAll: 'Solve all again (do not reuse earlier solves)',
              reuse: (s) => `earlier solve reused (${s})`, newSolve: 'new solve', pickTwo: 'Pick at least two scenarios.',
              focus: 'Map of the differences of', downloadCompare: 'Download the comparison JSON', compareFailed: 'A solve has no plan; the maps cannot be compared.',
              tradeoffIntro: 'Solve the scenario several times, each allowing at most so many changes: what does each extra move buy?',
              from: 'From', to: 'To', step: 'Step', perPoint: 'Seconds per point', run: 'Run', pointOf: (d, n) => `Point ${d}/${n}`,
              value: 'At most', movesCol: 'Moves', withoutContinuity: 'Points (without continuity)', gainPerMove: 'Gain per move',
              tabDecide: 'Decide', openDecide: 'Decide on the moves', kind_replan: 'solve with decisions',
              decideIntro: 'A leader goes through the proposed moves and decides each: accept, reject, keep as it is, or leave pending. The plan is made again with the decisions as diaban solve --decisions makes it; the decisions are saved as decisions.csv beside the scenario and adopted into a register as diaban register adopt does.',
              decideNone: 'No solve has a plan to decide on yet. Solve a scenario in the Solve tab, then open this one.',
              decideSolve: 'Solve', replanOf: (id) => `made again with decisions (from solve ${id})`,
              v_accept: 'Accept', v_reject: 'Reject', v_keep: 'Keep', v_pending: 'Pending',
              decideCounts: (a, r, k, p) => `${a} accepted · ${r} rejected · ${k} kept · ${p} pending`,
              colMove: '#', colFromTo: 'From → To', colGain: 'Gain (points)', colReason: 'Reason', colDecision: 'Decision',
              forcedBy: (r) => `forced (${r})`, earlierRow: 'an earlier decision that still stands',
              decideKeys: 'On a row: A accepts, R rejects, K keeps, P leaves it pending; Tab goes to the next row.',
              allPending: 'Set all to pending', noMoves: 'This plan proposes no move.',
              replan: 'Re-plan with these decisions', replanTitle: 'Re-plan',
              saveDecisions: 'Save decisions.csv', saveName: 'File name (beside the scenario)', savedDecisions: (p, n) => `Saved ${p} (${n} bytes); diaban solve --decisions reads it.`,
              loadDecisions: 'Load a decisions file', loadPath: 'Decisions file in the folder', loadedFrom: (p) => `Loaded ${p}.`,
              reviewTitle: 'What the decisions cost against the proposal', honoured: 'The new plan honours every decision.',
              notHonoured: 'The new plan does NOT honour every decision — do not use it.', costLine: (c) => `What the decisions cost: ${c} points against the proposal.`,
              proposalCol: 'Proposal', decidedCol: 'With decisions', diffCol: 'Difference',
              k_total: 'Total points', k_coverage: 'Points: coverage', k_mountainBalance: 'Points: mountain balance', k_workloadBalance: 'Points: workload balance',
              k_travel: 'Points: travel', k_changes: 'Points: changes', k_km: 'km per year', k_maxUtil: 'Largest utilisation',
              k_spread: 'Mountain share spread (points of %)', k_uncovered: 'Uncovered specialty needs', k_overloaded: 'Officers over capacity', k_moves: 'Communes moved',
              appeared: 'Moves that appeared because of the decisions', disappeared: 'Moves that disappeared because of the decisions', none: 'None.',
              tiedTo: (l) => `tied to decision ${l}`, tiedToAll: 'the plan re-balanced around the decisions as a whole',
              decideNext: 'The table below holds the new plan\'s moves: earlier decisions are kept, moves that appeared are pending.',
              registerTitle: 'Adopt into a register', registerPath: 'Register (a .sqlite file of the folder)', asOf: 'New register: starts on',
              newRegisterHint: 'A new register starts from the scenario\'s current assignment.', effective: 'Effective date', decisionRef: 'Decision reference',
              referenceHint: 'Quyết định số …/QĐ-TU', adopt: 'Adopt…', adoptYes: 'Record it', needAdopt: 'Give the effective date, the decision reference and the register file (and its start date for a new register).',
              adoptConfirm: (ref, eff, file, asOf) => `Record the decision “${ref}”, effective ${eff}, in the register ${file}?` + (asOf ? ` The new register will be made from the scenario, starting on ${asOf}.` : '') + ' Only the accepted moves (and those a rule forces) take effect; a recorded decision cannot be removed.',
              adopted: (ref, file) => `Recorded “${ref}” in ${file}.`, registerOn: (d) => `The register's assignment on ${d}`, registerSound: 'Register check (diaban register check): sound.',
              since: 'Since', tenure: 'Tenure', begunBy: 'Began by', until: 'Until', endedBy: 'Ended by', inForce: 'in force',
              years: (y, d) => (y > 0 ? `${y} y (${d} d)` : `${d} d`), historyOf: (n) => `History: ${n}`, historyHint: 'Click a row for the commune\'s history.',
              cliShow: 'As diaban register show prints it', cliAdopt: 'As diaban register adopt prints it', registerNew: 'new register',
              error: 'Error', networkError: 'The server cannot be reached.',
            },
          };
          let lang = localStorage.getItem('diaban-lang') === 'en' ? 'en' : 'vi';
          const t = (key, ...args) => {
            const v = T[lang][key] ?? T.vi[key] ?? key;
            return typeof v === 'function' ? v(...args) : v;
          };

          // ---------------------------------------------------------------- helpers
          function h(tag, props, ...children) {
            const el = document.createElement(tag);
            for (const [k, v] of Object.entries(props || {})) {
              if (v == null || v === false) continue;
              if (k === 'class') el.className = v;
              else if (k === 'text') el.textContent = v;
              else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
              else if (k === 'value') el.value = v;
              else if (k === 'checked') el.checked = !!v;
              else el.setAttribute(k, v === true ? '' : v);
            }
            for (const c of children.flat(Infinity)) {
              if (c == null || c === false) continue;
              el.append(c instanceof Node ? c : String(c));
            }
            return el;
          }
          const $ = (sel, root = document) => root.querySelector(sel);
          // Replaces an element's children, leaving out the empty ones (null, false, '').
          function put(el, ...kids) {
            el.replaceChildren(...kids.flat(Infinity).filter((k) => k != null && k !== false && k !== ''));
          }

          async function api(method, url, body) {
            const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
            if (method !== 'GET') options.headers['X-CSRF-Token'] = csrf;
            if (body !== undefined) {
              options.headers['Content-Type'] = 'application/json';
              options.body = JSON.stringify(body);
            }
            let response;
            try { response = await fetch(url, options); } catch (e) { return { ok: false, status: 0, data: { error: t('networkError') } }; }
            let data = null;
            try { data = await response.json(); } catch (e) { data = null; }
            return { ok: response.ok, status: response.status, data };
          }

          const locale = () => (lang === 'vi' ? 'vi-VN' : 'en-GB');
          function num(x, places = 0) {
            if (x == null || !isFinite(x)) return '—';
            return new Intl.NumberFormat(locale(), { minimumFractionDigits: places, maximumFractionDigits: places }).format(x);
          }
          const pct = (g, places = 2) => (g == null ? '—' : num(100 * g, places) + ' %');

          // Search that ignores case and Vietnamese diacritics: "nghe an" finds "Nghệ An".
          const fold = (s) => String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
          const matches = (text, query) => {
            const f = fold(text);
            return fold(query).split(/\s+/).filter(Boolean).every((w) => f.includes(w));
          };

          function message(kind, text) { return h('p', { class: 'msg ' + kind, role: kind === 'bad' ? 'alert' : 'status' }, text); }

          function resultSentence(r) {
            if (!r) return '';
            switch (r.status) {
              case 'optimal': return t('res_optimal');
              case 'feasible': return t('res_feasible', r.gap != null ? t('gapIn', pct(r.gap)) : '');
              case 'interrupted': return r.hasPlan ? t('res_interrupted') : t('res_interruptedNone');
              case 'infeasible': return t('res_infeasible');
              case 'no-solution': return t('res_noSolution');
              default: return t('res_failed');
            }
          }

          function stateWord(job) {
            if (job.state === 'queued') return t('st_queued', job.position ?? '?');
            return t('st_' + job.state);
          }

          // ---------------------------------------------------------------- shared state
          const state = {
            scenarios: null, // [{path, name, verdict, ...}]
            folder: '',
            selected: null, // path shown in the scenarios panel
            jobs: { list: [], running: 0, queued: 0, limit: 1 },
            watching: new Map(), // job id -> EventSource
            snapshots: new Map(), // job id -> latest snapshot
            currentJob: null, // job shown in the solve panel
            choices: new Map(), // scenario path -> choices
          };

          async function loadScenarios() {
            const r = await api('GET', '/api/scenarios');
            if (r.ok) {
              state.scenarios = r.data.scenarios;
              state.folder = r.data.folder;
            }
            return r;
          }
          const validScenarios = () => (state.scenarios || []).filter((s) => s.verdict !== 'bad-data');

          async function choicesOf(path) {
            if (!state.choices.has(path)) {
              const r = await api('GET', '/api/scenario/choices?path=' + encodeURIComponent(path));
              if (!r.ok) throw new Error(r.data?.error || t('error'));
              state.choices.set(path, r.data);
            }
            return state.choices.get(path);
          }

          // Watching a job keeps it alive on the server; closing the page closes every stream.
          function watch(id, onUpdate) {
            if (state.watching.has(id)) {
              state.watching.get(id).listeners.add(onUpdate);
              return;
            }
            const source = new EventSource('/api/jobs/' + encodeURIComponent(id) + '/events');
            const entry = { source, listeners: new Set([onUpdate]) };
            state.watching.set(id, entry);
            const handle = (e) => {
              const snap = JSON.parse(e.data);
              const old = state.snapshots.get(id);
              if (old && old.history && !snap.history) snap.history = old.history;
              if (e.type === 'progress' && snap.progress) {
                snap.history = (snap.history || []).concat([snap.progress]).slice(-600);
              }
              if (old && old.mine !== undefined) snap.mine = old.mine;
              state.snapshots.set(id, snap);
              for (const f of entry.listeners) f(snap, e.type);
              if (e.type === 'done') {
                source.close();
                state.watching.delete(id);
                refreshJobs();
              }
            };
            for (const name of ['state', 'progress', 'done']) source.addEventListener(name, handle);
          }

          async function startJob(body) {
            const r = await api('POST', '/api/jobs', body);
            if (r.ok) {
              r.data.mine = true;
              state.snapshots.set(r.data.id, r.data);
              refreshJobs();
            }
            return r;
          }

          async function refreshJobs() {
            const r = await api('GET', '/api/jobs');
            if (!r.ok) return;
            state.jobs = r.data;
            for (const j of r.data.jobs) {
              const old = state.snapshots.get(j.id);
              if (old && old.history) j.history = old.history;
              state.snapshots.set(j.id, j);
            }
            renderQueue();
            panels.solve.onJobs?.();
          }

          // ---------------------------------------------------------------- header and panels
          // The panels, in the order of the tabs. A panel is {tab: word key, build(section, arg)}:
          // build fills its <section> each time the tab is shown (arg comes from show(id, arg)).
          // The decisions panel (accept / reject / keep each move of a finished solve, then
          // re-plan, decisions.csv and adoption into a register) is panels.decide, opened from a
          // finished solve with show('decide', { job: id }).
          const panels = {};
          const order = ['scenarios', 'whatif', 'solve', 'compare', 'decide', 'tradeoff'];
          let current = null;

          function renderHeader() {
            document.documentElement.lang = lang;
            document.title = t('title');
            const nav = $('#tabs');
            put(nav, ...order.map((id) => h('button', {
              type: 'button', role: 'tab', id: 'tab-' + id, 'aria-selected': String(id === current), 'aria-controls': 'panel-' + id,
              onclick: () => show(id),
            }, t(panels[id].tab))));
            $('#brand-sub').textContent = t('workspace');
            for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
            renderQueue();
          }

          function renderQueue() {
            const q = $('#queue');
            q.textContent = t('queue', state.jobs.running, state.jobs.limit, state.jobs.queued);
            q.classList.toggle('busy', state.jobs.running + state.jobs.queued > 0);
          }

          function show(id, arg) {
            current = id;
            if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
            for (const p of order) {
              const section = $('#panel-' + p);
              section.hidden = p !== id;
            }
            renderHeader();
            const section = $('#panel-' + id);
            panels[id].build(section, arg);
          }

          function setLanguage(l) {
            lang = l;
            localStorage.setItem('diaban-lang', l);
            show(current);
          }

          // ---------------------------------------------------------------- picker (search, diacritics)
          // items: [{key, label, detail}]; one value, or several with `multiple`. `extra(query)` may
          // offer an item that is not in the list (a new specialty).
          function picker({ items, value, multiple = false, placeholder = '', onChange, extra, id }) {
            let selected = multiple ? [...(value || [])] : value ?? null;
            let active = -1;
            let shown = [];
            const byKey = new Map(items.map((i) => [i.key, i]));
            const labelOf = (k) => byKey.get(k)?.label ?? k;
            const input = h('input', { type: 'search', class: 'pick-input', placeholder, autocomplete: 'off', role: 'combobox',
              'aria-expanded': 'false', 'aria-autocomplete': 'list', id });
            const list = h('ul', { class: 'pick-list', role: 'listbox', hidden: true });
            const chips = h('div', { class: 'chips' });
            const root = h('div', { class: 'picker' + (multiple ? ' multi' : '') }, chips, input, list);

            function renderChips() {
              if (!multiple) return;
              put(chips, ...selected.map((k) => h('span', { class: 'chip' }, labelOf(k),
                h('button', { type: 'button', class: 'x', 'aria-label': t('remove') + ' ' + labelOf(k), onclick: () => {
                  selected = selected.filter((s) => s !== k);
                  renderChips();
                  onChange(selected);
                } }, '×'))));
            }
            function choose(item) {
              if (multiple) {
                if (!selected.includes(item.key)) selected.push(item.key);
                input.value = '';
                renderChips();
              } else {
                selected = item.key;
                input.value = item.label;
              }
              close();
              onChange(multiple ? selected : selected);
            }
            function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }
            function open() {
              const q = input.value;
              const query = !multiple && selected != null && q === labelOf(selected) ? '' : q;
              shown = items.filter((i) => !(multiple && selected.includes(i.key)) && matches(i.label + ' ' + (i.detail || '') + ' ' + i.key, query)).slice(0, 40);
              const more = extra ? extra(query.trim()) : null;
              if (more && !items.some((i) => i.key === more.key)) shown.push(more);
              active = shown.length ? 0 : -1;
              put(list, ...(shown.length ? shown.map((item, n) => h('li', {
                role: 'option', class: n === active ? 'on' : '', 'data-key': item.key,
                // Keep the focus on the input; choose on click, once the pointer is up.
                onmousedown: (e) => e.preventDefault(), onclick: () => choose(item),
              }, h('span', { class: 'pl' }, item.label), item.detail ? h('small', {}, item.detail) : null)) : [h('li', { class: 'none' }, t('noMatch'))]));
              list.hidden = false;
              input.setAttribute('aria-expanded', 'true');
            }
            function highlight() { [...list.children].forEach((li, n) => li.classList.toggle('on', n === active)); list.children[active]?.scrollIntoView({ block: 'nearest' }); }
            // The list opens when the user types, clicks the field or presses ↓, not on focus alone,
            // so that it never covers the next control after a change is added.
            input.addEventListener('input', open);
            input.addEventListener('click', () => { if (list.hidden) open(); });
            input.addEventListener('blur', () => {
              close();
              if (!multiple) {
                if (input.value.trim() === '') { if (selected != null) { selected = null; onChange(null); } } else if (selected != null) input.value = labelOf(selected);
                else input.value = '';
              }
            });
            input.addEventListener('keydown', (e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); if (list.hidden) open(); else { active = Math.min(shown.length - 1, active + 1); highlight(); } }
              else if (e.key === 'ArrowUp') { e.preventDefault(); active = Math.max(0, active - 1); highlight(); }
              else if (e.key === 'Enter') { if (!list.hidden && shown[active]) { e.preventDefault(); choose(shown[active]); } }
              else if (e.key === 'Escape') close();
            });
            if (!multiple && selected != null) input.value = labelOf(selected);
            renderChips();
            return root;
          }

          const officerItems = (c) => c.officers.map((o) => ({ key: o.id, label: `${o.id} — ${o.name}`,
            detail: [o.specialties.join(', '), o.status === 'leave' ? t('leave') : '', o.base].filter(Boolean).join(' · ') }));
          const communeItems = (c) => c.communes.map((m) => ({ key: m.code, label: `${m.name} (${m.code})`,
            detail: [m.formerDistrict, t(m.terrain), m.required.join(', ')].filter(Boolean).join(' · ') }));
          const specialtyItems = (c) => c.specialties.map((s) => ({ key: s, label: s }));
          const newSpecialty = (q) => (/^[a-z][a-z0-9-]*$/.test(q) ? { key: q, label: q, detail: t('newSpecialty', q) } : null);

          // ---------------------------------------------------------------- scenarios panel
          panels.scenarios = {
            tab: 'tabScenarios',
            async build(section, path) {
              if (path) state.selected = path;
              put(section, h('h2', {}, t('tabScenarios')), message('wait', t('loading')));
              const r = await loadScenarios();
              if (!r.ok) { put(section, h('h2', {}, t('tabScenarios')), message('bad', r.data?.error || t('error'))); return; }
              const table = h('table', { class: 'list', id: 'scenario-list' },
                h('thead', {}, h('tr', {}, h('th', {}, t('file')), h('th', {}, t('name')), h('th', {}, t('status')))),
                h('tbody', {}, state.scenarios.map((s) => h('tr', {
                  class: s.path === state.selected ? 'sel' : '', tabindex: '0', 'data-path': s.path,
                  onclick: () => { state.selected = s.path; this.build(section); },
                  onkeydown: (e) => { if (e.key === 'Enter') { state.selected = s.path; this.build(section); } },
                }, h('td', {}, h('code', {}, s.path)), h('td', {}, s.name || ''), h('td', {}, verdictBadge(s))))));
              const detail = h('div', { class: 'detail', id: 'scenario-detail' }, h('p', { class: 'hint' }, t('pickScenario')));
              put(section, 
                h('div', { class: 'row' }, h('h2', {}, t('tabScenarios')),
                  h('span', { class: 'muted' }, t('folder') + ': ', h('code', {}, state.folder)),
                  h('button', { type: 'button', onclick: () => this.build(section) }, t('reload'))),
                h('div', { class: 'split' }, h('div', {}, table), detail));
              if (state.selected) this.detail(detail, state.selected);
            },
            async detail(box, path) {
              put(box, message('wait', t('loading')));
              const r = await api('GET', '/api/scenario?path=' + encodeURIComponent(path));
              if (!r.ok) { put(box, message('bad', r.data?.error || t('error'))); return; }
              const c = r.data;
              const valid = c.verdict !== 'bad-data';
              put(box, 
                h('h3', {}, c.name || c.path), c.description ? h('p', { class: 'muted' }, c.description) : null,
                h('p', {}, verdictBadge({ verdict: c.verdict, problems: c.problems.length, notes: c.notes.length }),
                  c.base ? h('span', { class: 'muted' }, ' · ' + t('base') + ': ', h('code', {}, c.base)) : null),
                valid ? h('div', { class: 'actions' },
                  h('button', { type: 'button', class: 'primary', onclick: () => show('solve', { path }) }, t('solveThis')),
                  h('button', { type: 'button', onclick: () => show('whatif', { base: path }) }, t('whatIfFrom')),
                  h('button', { type: 'button', onclick: () => show('compare', { path }) }, t('compareThis'))) : null,
                c.problems.length ? problemTable(c.problems) : null,
                h('h4', {}, t('checkTitle')), h('pre', { class: 'cli', id: 'check-text' }, c.text),
                h('details', { ontoggle: async (e) => {
                  if (!e.target.open || e.target.dataset.loaded) return;
                  e.target.dataset.loaded = '1';
                  const s = await api('GET', '/api/scenario/source?path=' + encodeURIComponent(path));
                  e.target.append(h('pre', { class: 'yaml' }, s.ok ? s.data.text : (s.data?.error || t('error'))));
                } }, h('summary', {}, t('showYaml'))));
            },
          };

          function verdictBadge(s) {
            if (s.verdict === 'bad-data') return h('span', { class: 'badge bad' }, '✗ ' + t('badData', s.problems));
            const notes = s.notes ? ' · ' + t('notes', s.notes) : '';
            if (s.verdict === 'infeasible') return h('span', { class: 'badge warn' }, '⚠ ' + t('infeasible') + notes);
            return h('span', { class: 'badge ok' }, '✓ ' + t('valid') + notes);
          }

          function problemTable(problems, changeLines) {
            return h('table', { class: 'problems', id: 'problems' },
              h('caption', {}, t('problemsTitle')),
              h('thead', {}, h('tr', {}, h('th', {}, t('where')), h('th', {}, t('field')), h('th', {}, t('message')), h('th', {}, t('whatToDo')))),
              h('tbody', {}, problems.map((p) => {
                const change = changeLines && p.line ? changeLines.indexOf(p.line) : -1;
                return h('tr', {},
                  h('td', {}, h('code', {}, (p.path || p.file) + (p.line ? ':' + p.line : '') + (p.column && p.line ? ':' + p.column : '')),
                    change >= 0 ? h('div', { class: 'muted' }, t('changes') + ' #' + (change + 1)) : null),
                  h('td', {}, p.field ? h('code', {}, p.field) : ''), h('td', {}, p.message), h('td', {}, p.hint));
              })));
          }

          // ---------------------------------------------------------------- what-if panel
          const OPS = ['setSpecialties', 'setOfficerStatus', 'removeOfficer', 'addOfficer', 'setCapacity', 'setBase', 'setWorkload',
            'setStaffing', 'setRequiredSpecialties', 'requireSpecialty', 'lock', 'forbid'];
          const draft = { base: null, file: '', name: '', question: '', description: '', changes: [], rules: {}, weights: {} };
          let lastPreview = null;

          panels.whatif = {
            tab: 'tabWhatIf',
            async build(section, arg) {
              if (arg?.base && arg.base !== draft.base) { draft.base = arg.base; draft.changes = []; }
              if (!state.scenarios) await loadScenarios();
              const bases = validScenarios();
              if (!draft.base && bases.length) draft.base = bases[0].path;
              const c = draft.base ? await choicesOf(draft.base).catch(() => null) : null;
              const baseSelect = h('select', { id: 'wi-base', onchange: (e) => { draft.base = e.target.value; draft.changes = []; this.build(section); } },
                bases.map((s) => h('option', { value: s.path, selected: s.path === draft.base }, s.path + (s.name ? ' — ' + s.name : ''))));
              const text = (key, labelKey, attrs = {}) => h('label', { class: 'field' }, h('span', {}, t(labelKey)),
                h(attrs.multiline ? 'textarea' : 'input', { id: 'wi-' + key, value: draft[key], rows: attrs.multiline ? 2 : null,
                  placeholder: attrs.placeholder, oninput: (e) => { draft[key] = e.target.value; } }));
              const changesBox = h('ol', { class: 'changes', id: 'wi-changes' });
              const renderChanges = () => {
                put(changesBox, ...(draft.changes.length ? draft.changes.map((ch, n) => changeRow(ch, n, c, renderChanges))
                  : [h('li', { class: 'hint' }, t('noChanges'))]));
              };
              if (c) renderChanges();
              const opSelect = h('select', { id: 'wi-op' }, OPS.map((op) => h('option', { value: op }, t('op_' + op))));
              const result = h('div', { id: 'wi-result', class: 'result' });
              put(section, 
                h('h2', {}, t('tabWhatIf')), h('p', { class: 'muted' }, t('whatIfIntro')),
                h('div', { class: 'grid2' },
                  h('label', { class: 'field' }, h('span', {}, t('baseScenario')), baseSelect),
                  text('file', 'newFile', { placeholder: 'what-if-….yaml' }),
                  text('name', 'wiName'), text('question', 'question'),
                  h('div', { class: 'wide' }, text('description', 'description', { multiline: true }))),
                h('h3', {}, t('changes')),
                c ? changesBox : message('bad', t('chooseBaseFirst')),
                c ? h('div', { class: 'row' }, opSelect, h('button', { type: 'button', id: 'wi-add', onclick: () => {
                  draft.changes.push({ op: opSelect.value });
                  renderChanges();
                  changesBox.lastElementChild?.querySelector('input, select')?.focus();
                } }, t('addChange'))) : null,
                c ? rulesBox(c) : null,
                h('div', { class: 'actions' },
                  h('button', { type: 'button', id: 'wi-check', onclick: () => this.submit(result, false) }, t('check')),
                  h('button', { type: 'button', class: 'primary', id: 'wi-save', onclick: () => this.submit(result, true) }, t('save'))),
                result);
              if (lastPreview) this.showResult(result, lastPreview.data, lastPreview.saved);
            },
            body(overwrite) {
              const clean = (o) => Object.fromEntries(Object.entries(o).filter(([k, v]) => !k.startsWith('_') && v !== '' && v != null
                && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(clean(v)).length === 0))
                .map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? clean(v) : v]));
              return { base: draft.base, file: draft.file.trim(), name: draft.name, question: draft.question, description: draft.description,
                changes: draft.changes.map(clean), rules: clean(draft.rules), weights: clean(draft.weights), overwrite };
            },
            async submit(box, save, overwrite = false) {
              put(box, message('wait', t('loading')));
              const r = await api('POST', save ? '/api/whatifs' : '/api/whatifs/preview', this.body(overwrite));
              if (save && r.status === 409 && r.data?.exists) {
                const ok = await confirmDialog(t('exists', r.data.path), t('replace'));
                if (ok) return this.submit(box, true, true);
                put(box, );
                return;
              }
              if (!r.ok && r.status !== 422) { put(box, message('bad', r.data?.error || t('error'))); return; }
              lastPreview = { data: r.status === 422 ? { ...r.data, check: r.data.check } : r.data, saved: save && r.ok };
              if (save && r.ok) { state.scenarios = null; state.choices.delete(r.data.path); }
              this.showResult(box, lastPreview.data, lastPreview.saved);
            },
            showResult(box, data, saved) {
              const check = data.check;
              const bad = check.verdict === 'bad-data';
              put(box, 
                saved ? message('ok', t('saved', data.path)) : message(bad ? 'bad' : 'ok', bad ? t('previewInvalid', check.problems.length) : t('previewValid')),
                saved ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'wi-solve',
                  onclick: () => show('solve', { path: data.path }) }, t('solveSaved'))) : null,
                bad ? problemTable(check.problems, data.changeLines) : null,
                h('h4', {}, t('checkTitle')), h('pre', { class: 'cli', id: 'wi-check-text' }, check.text),
                h('h4', {}, t('yamlTitle')), h('pre', { class: 'yaml', id: 'wi-yaml' }, data.yaml));
            },
          };

          function rulesBox(c) {
            const num = (obj, key, labelKey, placeholder) => h('label', { class: 'field small' }, h('span', {}, t(labelKey)),
              h('input', { type: 'number', step: 'any', min: '0', value: obj[key] ?? '', placeholder: placeholder == null ? t('keep') : String(placeholder),
                id: 'wi-' + key, oninput: (e) => { obj[key] = e.target.value === '' ? '' : Number(e.target.value); } }));
            const coverage = h('label', { class: 'field small' }, h('span', {}, t('coverage')),
              h('select', { id: 'wi-coverage', onchange: (e) => { draft.rules.coverage = e.target.value; } },
                h('option', { value: '' }, t('keep') + ' (' + t(c.rules.coverage) + ')'),
                ['soft', 'hard'].map((v) => h('option', { value: v, selected: draft.rules.coverage === v }, t(v)))));
            return h('details', { class: 'rules' }, h('summary', {}, t('rulesWeights')),
              h('div', { class: 'grid4' },
                num(draft.rules, 'maxChanges', 'maxChanges', c.rules.maxChanges ?? '—'), coverage,
                num(draft.rules, 'balanceTolerance', 'balanceTolerance', c.rules.balanceTolerance),
                num(draft.rules, 'candidateLimit', 'candidateLimit', c.rules.candidateLimit ?? '—'),
                ['travel', 'mountainBalance', 'mountainMaxDeviation', 'workloadBalance', 'workloadMax', 'coverage', 'change']
                  .map((w) => num(draft.weights, w, 'w_' + w, c.weights[w]))));
          }

          // One change of the draft: its fields, as the `changes:` entry says them.
          function changeRow(ch, n, c, rerender) {
            // A picker is not put in a <label>: a click in a label goes to its first control, which
            // may be a chip's remove button.
            const field = (labelKey, control, cls = '') => {
              if (!control.classList.contains('picker')) return h('label', { class: 'field ' + cls }, h('span', {}, t(labelKey)), control);
              control.querySelector('input').setAttribute('aria-label', t(labelKey));
              return h('div', { class: 'field ' + cls }, h('span', {}, t(labelKey)), control);
            };
            const officer = (key = 'officer') => field('officer', picker({ items: officerItems(c), value: ch[key], placeholder: t('searchOfficer'),
              id: `wi-c${n}-${key}`, onChange: (v) => { ch[key] = v; } }), 'grow');
            const commune = (key = 'commune', labelKey = 'commune') => field(labelKey, picker({ items: communeItems(c), value: ch[key],
              placeholder: t('searchCommune'), id: `wi-c${n}-${key}`, onChange: (v) => { ch[key] = v; } }), 'grow');
            const number = (key, labelKey, obj = ch) => field(labelKey, h('input', { type: 'number', step: 'any', min: '0', value: obj[key] ?? '',
              id: `wi-c${n}-${key}`, oninput: (e) => { obj[key] = e.target.value === '' ? '' : Number(e.target.value); } }), 'small');
            const specialties = (key, labelKey) => field(labelKey, picker({ items: specialtyItems(c), value: ch[key] || [], multiple: true,
              placeholder: t('searchSpecialty'), extra: newSpecialty, id: `wi-c${n}-${key}`, onChange: (v) => { ch[key] = v; } }), 'grow');
            const selection = (obj) => {
              obj.select = obj.select || {};
              const s = obj.select;
              const checks = (key, values) => field(key, h('div', { class: 'checks' }, values.map((v) => h('label', {},
                h('input', { type: 'checkbox', checked: (s[key] || []).includes(v), onchange: (e) => {
                  s[key] = (s[key] || []).filter((x) => x !== v).concat(e.target.checked ? [v] : []);
                } }), ' ' + t(v)))));
              return h('div', { class: 'criteria' },
                field('formerDistricts', picker({ items: c.formerDistricts.map((d) => ({ key: d, label: d })), value: s.formerDistricts || [],
                  multiple: true, placeholder: t('searchDistrict'), id: `wi-c${n}-districts`, onChange: (v) => { s.formerDistricts = v; } }), 'grow'),
                c.provinces.length > 1 ? field('provinces', picker({ items: c.provinces.map((d) => ({ key: d, label: d })), value: s.provinces || [],
                  multiple: true, id: `wi-c${n}-provinces`, onChange: (v) => { s.provinces = v; } }), 'grow') : null,
                checks('terrain', ['mountain', 'highland', 'midland', 'lowland']), checks('kinds', ['xa', 'phuong', 'dac-khu']));
            };
            // A set of communes: picked one by one, or selected by criteria.
            const target = () => {
              ch._by = ch._by || (ch.select ? 'select' : 'communes');
              const box = h('div', {});
              const draw = () => {
                if (ch._by === 'communes') { delete ch.select; ch.commune = ch.commune || []; } else { delete ch.commune; }
                put(box, ch._by === 'communes'
                  ? field('communes', picker({ items: communeItems(c), value: ch.commune, multiple: true, placeholder: t('searchCommune'),
                    id: `wi-c${n}-communes`, onChange: (v) => { ch.commune = v; } }), 'grow')
                  : selection(ch));
              };
              draw();
              return h('div', { class: 'target' }, h('div', { class: 'radios' }, ['communes', 'select'].map((by) => h('label', {},
                h('input', { type: 'radio', name: `wi-c${n}-by`, checked: ch._by === by, onchange: () => { ch._by = by; draw(); } }),
                ' ' + t(by === 'communes' ? 'byCommunes' : 'bySelection')))), box);
            };
            let body;
            switch (ch.op) {
              case 'removeOfficer': body = [officer()]; break;
              case 'setOfficerStatus':
                ch.status = ch.status || 'leave';
                body = [officer(), field('statusWord', h('select', { id: `wi-c${n}-status`, onchange: (e) => { ch.status = e.target.value; } },
                  ['leave', 'active'].map((s) => h('option', { value: s, selected: ch.status === s }, t(s)))))];
                break;
              case 'setCapacity': body = [officer(), number('capacity', 'capacity')]; break;
              case 'setSpecialties': body = [officer(), specialties('add', 'add'), specialties('remove', 'removeSp')]; break;
              case 'lock': case 'forbid': body = [officer(), commune()]; break;
              case 'setWorkload': {
                ch._mode = ch._mode || (ch.value != null ? 'value' : 'scale');
                const amount = h('div', {});
                const draw = () => {
                  if (ch._mode === 'value') delete ch.scale; else delete ch.value;
                  put(amount, number(ch._mode, ch._mode === 'value' ? 'workloadValue' : 'workloadScale'));
                };
                draw();
                body = [target(), h('div', { class: 'radios' }, ['scale', 'value'].map((m) => h('label', {},
                  h('input', { type: 'radio', name: `wi-c${n}-mode`, checked: ch._mode === m, onchange: () => { ch._mode = m; draw(); } }),
                  ' ' + t(m === 'value' ? 'workloadValue' : 'workloadScale')))), amount];
                break;
              }
              case 'setStaffing': body = [target(), number('staffing', 'staffing')]; break;
              case 'setRequiredSpecialties': body = [target(), specialties('specialties', 'specialties')]; break;
              case 'requireSpecialty':
                body = [field('specialty', picker({ items: specialtyItems(c), value: ch.specialty, placeholder: t('searchSpecialty'), extra: newSpecialty,
                  id: `wi-c${n}-specialty`, onChange: (v) => { ch.specialty = v; } }), 'grow'), selection(ch)];
                break;
              case 'setBase': {
                ch._at = ch._at || (ch.lat != null ? 'point' : ch.headquarters ? 'hq' : 'commune');
                const where = h('div', {});
                const draw = () => {
                  for (const k of ['commune', 'lat', 'lon', 'label', 'headquarters']) if (!(ch._at === 'commune' && k === 'commune') && !(ch._at === 'point' && ['lat', 'lon', 'label'].includes(k))) delete ch[k];
                  if (ch._at === 'hq') ch.headquarters = true;
                  put(where, ...(ch._at === 'commune' ? [commune()] : ch._at === 'point'
                    ? [number('lat', 'lat'), number('lon', 'lon'), field('label', h('input', { value: ch.label ?? '', oninput: (e) => { ch.label = e.target.value; } }))] : []));
                };
                draw();
                body = [officer(), field('newBase', h('div', { class: 'radios' }, [['commune', 'atCommune'], ['point', 'atPoint'], ['hq', 'atHQ']].map(([v, k]) => h('label', {},
                  h('input', { type: 'radio', name: `wi-c${n}-at`, checked: ch._at === v, onchange: () => { ch._at = v; draw(); } }), ' ' + t(k))))), where];
                break;
              }
              case 'addOfficer': {
                ch.officer = ch.officer || {};
                const o = ch.officer;
                o._at = o._at || 'hq';
                const where = h('div', {});
                const draw = () => {
                  if (o._at !== 'commune') delete o.base_commune;
                  if (o._at !== 'point') { delete o.base_lat; delete o.base_lon; }
                  put(where, ...(o._at === 'commune' ? [field('commune', picker({ items: communeItems(c), value: o.base_commune, placeholder: t('searchCommune'),
                    onChange: (v) => { o.base_commune = v; } }), 'grow')] : o._at === 'point' ? [number('base_lat', 'lat', o), number('base_lon', 'lon', o)] : []));
                };
                draw();
                const textIn = (key, labelKey) => field(labelKey, h('input', { value: o[key] ?? '', id: `wi-c${n}-${key}`, oninput: (e) => { o[key] = e.target.value; } }));
                body = [textIn('id', 'newId'), textIn('name', 'newName'), number('capacity', 'capacity', o),
                  field('specialties', picker({ items: specialtyItems(c), value: o.specialties || [], multiple: true, extra: newSpecialty,
                    placeholder: t('searchSpecialty'), onChange: (v) => { o.specialties = v; } }), 'grow'),
                  field('newBase', h('div', { class: 'radios' }, [['hq', 'atHQ'], ['commune', 'atCommune'], ['point', 'atPoint']].map(([v, k]) => h('label', {},
                    h('input', { type: 'radio', name: `wi-c${n}-oat`, checked: o._at === v, onchange: () => { o._at = v; draw(); } }), ' ' + t(k))))), where,
                  field('homeCommune', picker({ items: communeItems(c), value: o.home_commune, placeholder: t('searchCommune'),
                    onChange: (v) => { o.home_commune = v; } }), 'grow'),
                  number('min_communes', 'minCommunes', o), number('max_communes', 'maxCommunes', o)];
                break;
              }
              default: body = [];
            }
            return h('li', { class: 'change', 'data-op': ch.op },
              h('div', { class: 'change-head' }, h('b', {}, `${n + 1}. ${t('op_' + ch.op)}`), h('code', { class: 'muted' }, ch.op),
                h('button', { type: 'button', class: 'x', 'aria-label': t('remove'), onclick: () => { draft.changes.splice(n, 1); rerender(); } }, '×')),
              h('div', { class: 'change-body' }, body,
                field('note', h('input', { value: ch.note ?? '', oninput: (e) => { ch.note = e.target.value; } }), 'grow')));
          }

          function confirmDialog(text, yes) {
            return new Promise((resolve) => {
              const modal = $('#modal');
              const done = (v) => { modal.hidden = true; put(modal, ); resolve(v); };
              put(modal, h('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-text' },
                h('p', { id: 'modal-text' }, text),
                h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'modal-yes', onclick: () => done(true) }, yes),
                  h('button', { type: 'button', id: 'modal-no', onclick: () => done(false) }, t('cancel')))));
              modal.hidden = false;
              $('#modal-yes').focus();
            });
          }

          // ---------------------------------------------------------------- solve panel
          panels.solve = {
            tab: 'tabSolve',
            section: null,
            path: null,
            async build(section, arg) {
              this.section = section;
              if (arg?.path) this.path = arg.path;
              if (arg?.job) state.currentJob = arg.job;
              if (!state.scenarios) await loadScenarios();
              const valid = validScenarios();
              if (!this.path && valid.length) this.path = valid[0].path;
              const select = h('select', { id: 'solve-scenario', onchange: (e) => { this.path = e.target.value; } },
                valid.map((s) => h('option', { value: s.path, selected: s.path === this.path }, s.path + (s.name ? ' — ' + s.name : ''))));
              const limit = h('input', { type: 'number', id: 'solve-time', min: '1', step: '1', placeholder: t('timeLimitHint'), value: this.limit ?? '',
                oninput: (e) => { this.limit = e.target.value; } });
              const note = h('div', { id: 'solve-message' });
              put(section, 
                h('h2', {}, t('tabSolve')), h('p', { class: 'muted' }, t('solveIntro')),
                h('div', { class: 'row' }, h('label', { class: 'field grow' }, h('span', {}, t('scenario')), select),
                  h('label', { class: 'field small' }, h('span', {}, t('timeLimit')), limit),
                  h('button', { type: 'button', class: 'primary', id: 'solve-start', onclick: async () => {
                    put(note, );
                    const body = { kind: 'solve', path: this.path };
                    if (this.limit) body.timeLimit = Number(this.limit);
                    const r = await startJob(body);
                    if (!r.ok) { put(note, message('bad', r.data?.error || t('error')), r.data?.check ? problemTable(r.data.check.problems) : ''); return; }
                    state.currentJob = r.data.id;
                    this.renderJob();
                  } }, t('solve'))),
                note,
                h('div', { id: 'job-detail' }),
                h('h3', {}, t('jobs')), h('div', { id: 'job-list' }));
              this.renderList();
              this.renderJob();
              refreshJobs();
            },
            onJobs() { if (current === 'solve') { this.renderList(); this.renderJobHeader(); } },
            renderList() {
              const box = $('#job-list', this.section);
              if (!box) return;
              const jobs = state.jobs.jobs;
              if (!jobs.length) { put(box, h('p', { class: 'hint' }, t('noJobs'))); return; }
              put(box, h('table', { class: 'list jobs' },
                h('thead', {}, h('tr', {}, h('th', {}, t('scenario')), h('th', {}, t('kind')), h('th', {}, t('state')), h('th', {}, t('elapsed')),
                  h('th', {}, t('gap')), h('th', {}))),
                h('tbody', {}, jobs.map((j) => h('tr', { class: j.id === state.currentJob ? 'sel' : '', 'data-job': j.id },
                  h('td', {}, h('code', {}, j.path)), h('td', {}, t(j.replanOf ? 'kind_replan' : 'kind_' + j.kind)), h('td', {}, stateWord(j)),
                  h('td', { class: 'r' }, num(j.elapsedSeconds, 0) + ' s'),
                  h('td', { class: 'r' }, pct(j.result ? j.result.gap : j.progress?.gap)),
                  h('td', {}, h('button', { type: 'button', onclick: () => {
                    if (j.kind === 'tradeoff') { show('tradeoff', { job: j.id }); return; }
                    state.currentJob = j.id; this.renderJob(); this.renderList();
                  } }, t('view')), j.mine && (j.state === 'queued' || j.state === 'running')
                    ? h('button', { type: 'button', onclick: () => api('POST', `/api/jobs/${j.id}/stop`).then(refreshJobs) }, t('stop')) : null))))));
            },
            renderJob() {
              const box = $('#job-detail', this.section);
              if (!box) return;
              const id = state.currentJob;
              const snap = id && state.snapshots.get(id);
              if (!snap || snap.kind !== 'solve') { put(box, ); return; }
              put(box, 
                h('div', { class: 'job card', id: 'job-' + id },
                  h('div', { class: 'job-head' }, h('h3', {}, h('code', {}, snap.path)), h('span', { id: 'solve-state', class: 'state' }),
                    h('button', { type: 'button', id: 'solve-stop', class: 'danger', onclick: async (e) => {
                      e.target.disabled = true;
                      e.target.textContent = t('stopping');
                      const r = await api('POST', `/api/jobs/${id}/stop`);
                      if (!r.ok) { e.target.textContent = r.data?.error || t('error'); }
                    } }, t('stop'))),
                  h('div', { class: 'tiles' },
                    tile('elapsed', 'solve-elapsed'), tile('incumbent', 'solve-incumbent'), tile('bound', 'solve-bound'),
                    tile('gap', 'solve-gap'), tile('nodes', 'solve-nodes')),
                  h('div', { class: 'bar' }, h('i', { id: 'solve-bar' })),
                  h('figure', { class: 'progress-chart' }, h('figcaption', {}, t('chartTitle')), h('div', { id: 'solve-chart' })),
                  h('div', { id: 'solve-result' })));
              this.update(snap);
              if (snap.state === 'queued' || snap.state === 'running') {
                watch(id, (s, type) => { if (state.currentJob === id && current === 'solve') this.update(s, type); });
              } else if (!snap.history) {
                api('GET', '/api/jobs/' + id).then((r) => { if (r.ok) { state.snapshots.set(id, { ...r.data, mine: snap.mine }); if (state.currentJob === id) this.update(r.data); } });
              }
            },
            renderJobHeader() {
              const snap = state.currentJob && state.snapshots.get(state.currentJob);
              if (snap && $('#solve-state', this.section)) this.update(snap);
            },
            update(snap, type) {
              const sec = this.section;
              const p = snap.progress;
              const r = snap.result;
              const set = (id, text) => { const el = $('#' + id, sec); if (el) el.textContent = text; };
              set('solve-state', stateWord(snap) + (snap.stopReason ? ' · ' + t('stoppedBy_' + snap.stopReason) : ''));
              set('solve-elapsed', num(snap.elapsedSeconds, 1) + ' ' + t('ofLimit', num(snap.timeLimit, 0)));
              set('solve-incumbent', num(r ? r.objective : p?.incumbent, 2));
              set('solve-bound', num(r ? r.bestBound ?? p?.bound : p?.bound, 2));
              set('solve-gap', pct(r && r.hasPlan ? r.gap ?? (r.status === 'optimal' ? 0 : null) : p?.gap));
              set('solve-nodes', num(r ? r.nodes : p?.nodes, 0));
              const bar = $('#solve-bar', sec);
              if (bar) bar.style.width = Math.min(100, (100 * snap.elapsedSeconds) / Math.max(1, snap.timeLimit)) + '%';
              const stop = $('#solve-stop', sec);
              if (stop) stop.hidden = !(snap.state === 'queued' || snap.state === 'running') || snap.mine === false;
              const chart = $('#solve-chart', sec);
              if (chart) put(chart, progressChart(snap.history || []));
              const box = $('#solve-result', sec);
              if (!box) return;
              if (snap.state === 'finished' && r && box.dataset.job !== snap.id + lang) {
                box.dataset.job = snap.id + lang;
                const reportURL = `/api/jobs/${snap.id}/report?lang=${lang}`;
                put(box, 
                  h('p', { class: 'status ' + (r.hasPlan ? 'ok' : 'bad'), id: 'solve-status' }, resultSentence(r), r.moves != null ? ' · ' + t('moves', r.moves) : ''),
                  h('p', { class: 'links' }, h('a', { href: reportURL, target: '_blank', rel: 'noopener' }, t('openReport')), ' · ',
                    h('a', { href: `/api/jobs/${snap.id}/solve.json`, download: 'plan.json' }, t('downloadJson')),
                    r.hasPlan ? h('button', { type: 'button', class: 'primary', id: 'solve-decide', onclick: () => show('decide', { job: snap.id }) }, t('openDecide')) : null),
                  reportFrame(reportURL, 'report-frame'));
              } else if (snap.state === 'failed' || snap.state === 'cancelled') {
                box.dataset.job = '';
                put(box, message('bad', snap.error || stateWord(snap)), snap.problems ? problemTable(snap.problems) : '');
              }
            },
          };

          function tile(labelKey, id) { return h('div', { class: 'tile' }, h('div', { class: 'tl' }, t(labelKey)), h('div', { class: 'tv', id }, '—')); }

          // The report of the command line, in a frame of the same origin that grows to its content.
          function reportFrame(url, id) {
            const frame = h('iframe', { id, class: 'report', src: url, title: t('reportTitle') });
            frame.addEventListener('load', () => {
              try { frame.style.height = frame.contentDocument.documentElement.scrollHeight + 20 + 'px'; } catch (e) { /* not loaded */ }
            });
            return frame;
          }

          // Incumbent and bound over time, as a small SVG line chart.
          function progressChart(history) {
            const ns = 'http://www.w3.org/2000/svg';
            const svg = document.createElementNS(ns, 'svg');
            svg.setAttribute('viewBox', '0 0 600 140');
            svg.setAttribute('class', 'spark');
            const pts = history.filter((p) => p.incumbent != null || p.bound != null);
            if (pts.length < 2) return svg;
            const xs = pts.map((p) => p.elapsed);
            const ys = pts.flatMap((p) => [p.incumbent, p.bound]).filter((v) => v != null);
            const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
            const px = (x) => 40 + ((x - x0) / Math.max(1e-9, x1 - x0)) * 550;
            const py = (y) => 125 - ((y - y0) / Math.max(1e-9, y1 - y0)) * 110;
            for (const [key, cls] of [['incumbent', 'inc'], ['bound', 'bnd']]) {
              const line = pts.filter((p) => p[key] != null).map((p) => `${px(p.elapsed).toFixed(1)},${py(p[key]).toFixed(1)}`).join(' ');
              const pl = document.createElementNS(ns, 'polyline');
              pl.setAttribute('points', line);
              pl.setAttribute('class', cls);
              svg.append(pl);
            }
            for (const [y, label] of [[y1, num(y1, 0)], [y0, num(y0, 0)]]) {
              const tx = document.createElementNS(ns, 'text');
              tx.setAttribute('x', '2');
              tx.setAttribute('y', String(py(y) + 4));
              tx.textContent = label;
              svg.append(tx);
            }
            return svg;
          }

          // ---------------------------------------------------------------- compare panel
          const compare = { picked: new Set(), reference: null, limit: '', resolve: false, pending: null, ids: null, focus: null };
          panels.compare = {
            tab: 'tabCompare',
            async build(section, arg) {
              if (!state.scenarios) await loadScenarios();
              const valid = validScenarios();
              if (arg?.path) { compare.picked.add(arg.path); compare.reference = compare.reference ?? arg.path; }
              if (!compare.reference && valid.length) compare.reference = valid[0].path;
              const status = h('ul', { id: 'compare-status', class: 'plain' });
              const out = h('div', { id: 'compare-out' });
              put(section, 
                h('h2', {}, t('tabCompare')), h('p', { class: 'muted' }, t('compareIntro')),
                h('table', { class: 'list', id: 'compare-pick' },
                  h('thead', {}, h('tr', {}, h('th', {}, t('compare')), h('th', {}, t('reference')), h('th', {}, t('file')), h('th', {}, t('name')))),
                  h('tbody', {}, valid.map((s) => h('tr', {},
                    h('td', {}, h('input', { type: 'checkbox', 'data-path': s.path, checked: compare.picked.has(s.path) || s.path === compare.reference,
                      onchange: (e) => { if (e.target.checked) compare.picked.add(s.path); else compare.picked.delete(s.path); } })),
                    h('td', {}, h('input', { type: 'radio', name: 'compare-ref', 'data-path': s.path, checked: s.path === compare.reference,
                      onchange: () => { compare.reference = s.path; compare.picked.add(s.path); this.build(section); } })),
                    h('td', {}, h('code', {}, s.path)), h('td', {}, s.name || ''))))),
                h('div', { class: 'row' },
                  h('label', { class: 'field small' }, h('span', {}, t('timeLimit')), h('input', { type: 'number', id: 'compare-time', min: '1',
                    placeholder: t('timeLimitHint'), value: compare.limit, oninput: (e) => { compare.limit = e.target.value; } })),
                  h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'compare-resolve', checked: compare.resolve,
                    onchange: (e) => { compare.resolve = e.target.checked; } }), ' ' + t('resolveAll')),
                  h('button', { type: 'button', class: 'primary', id: 'compare-start', onclick: () => this.start(status, out) }, t('compare'))),
                status, out);
              if (compare.ids) this.showReport(out);
            },
            async start(status, out) {
              compare.picked.add(compare.reference);
              const paths = [compare.reference, ...[...compare.picked].filter((p) => p !== compare.reference)];
              put(out, );
              if (paths.length < 2) { put(status, h('li', {}, message('bad', t('pickTwo')))); return; }
              await refreshJobs();
              const lines = new Map();
              put(status, ...paths.map((p) => { const li = h('li', { 'data-path': p }, h('code', {}, p), ' — ', h('span', {}, t('loading'))); lines.set(p, li); return li; }));
              const say = (p, text) => { lines.get(p).lastChild.textContent = text; };
              const ids = [];
              for (const p of paths) {
                const earlier = compare.resolve ? null : state.jobs.jobs.find((j) => j.kind === 'solve' && j.path === p && j.state === 'finished' && j.result?.hasPlan);
                if (earlier) { ids.push(earlier.id); say(p, t('reuse', resultSentence(earlier.result))); continue; }
                const body = { kind: 'solve', path: p };
                if (compare.limit) body.timeLimit = Number(compare.limit);
                const r = await startJob(body);
                if (!r.ok) { say(p, r.data?.error || t('error')); return; }
                ids.push(r.data.id);
                say(p, t('newSolve') + ': ' + stateWord(r.data));
              }
              // The report is shown (and shown again when the panel is opened) once every solve ended.
              compare.pending = ids;
              compare.ids = null;
              compare.focus = ids.length - 1;
              const pending = ids.map((id, n) => new Promise((resolve) => {
                const snap = state.snapshots.get(id);
                if (snap && !(snap.state === 'queued' || snap.state === 'running')) { resolve(snap); return; }
                watch(id, (s, type) => {
                  const p = paths[n];
                  say(p, t('newSolve') + ': ' + stateWord(s) + (s.progress?.gap != null && s.state === 'running' ? ' · ' + t('gap') + ' ' + pct(s.progress.gap) : '')
                    + (type === 'done' && s.result ? ' · ' + resultSentence(s.result) : ''));
                  if (type === 'done') resolve(s);
                });
              }));
              const done = await Promise.all(pending);
              if (compare.pending !== ids) return;
              compare.ids = ids;
              if (done.some((s) => !s.result)) { put(out, message('bad', t('compareFailed'))); return; }
              this.showReport(out);
            },
            showReport(out) {
              const ids = compare.ids;
              const focusSelect = ids.length > 2 ? h('label', { class: 'field small' }, h('span', {}, t('focus')),
                h('select', { id: 'compare-focus', onchange: (e) => { compare.focus = Number(e.target.value); this.showReport(out); } },
                  ids.slice(1).map((id, n) => h('option', { value: n + 1, selected: compare.focus === n + 1 }, state.snapshots.get(id)?.path ?? id)))) : null;
              const url = `/api/compare/report?jobs=${ids.join(',')}&focus=${compare.focus}&lang=${lang}`;
              put(out, 
                h('div', { class: 'row' }, focusSelect,
                  h('a', { href: url, target: '_blank', rel: 'noopener' }, t('openReport')), ' · ',
                  h('a', { href: `/api/compare?jobs=${ids.join(',')}`, download: 'compare.json' }, t('downloadCompare'))),
                reportFrame(url, 'compare-frame'));
            },
          };

          // ---------------------------------------------------------------- decide panel
          // A finished solve's moves as the rows of its decisions.csv, each marked accept, reject,
          // keep or pending with a note; re-plan with them (a solve on the pool, live, with Stop),
          // then the re-plan's review and its report, and its own rows to decide further; save
          // the rows as decisions.csv or load a file; adopt them into a register.
          const VERDICTS = ['accept', 'reject', 'keep', 'pending'];
          const decide = { job: null, sheet: null, sheetKey: null, marks: new Map(), replan: null, limit: '', file: '', loadPath: '',
            notice: null, register: '', asOf: '', effective: '', reference: '', note: '', adopted: null, history: null };
          const isoDay = (d) => (lang === 'vi' && /^\d{4}-\d\d-\d\d$/.test(d || '') ? d.split('-').reverse().join('/') : d || '');
          const signed = (x, places) => (x > 0 ? '+' : '') + num(x, places);
          const marksBody = () => [...decide.marks.entries()].map(([move, m]) => ({ move, decision: m.decision, note: m.note }));

          panels.decide = {
            tab: 'tabDecide',
            section: null,
            async build(section, arg) {
              this.section = section;
              if (arg?.job && arg.job !== decide.job) { decide.job = arg.job; decide.sheet = null; decide.adopted = null; decide.history = null; decide.notice = null; }
              put(section, h('h2', {}, t('tabDecide')), message('wait', t('loading')));
              await refreshJobs();
              const finished = state.jobs.jobs.filter((j) => j.kind === 'solve' && j.state === 'finished' && j.result?.hasPlan);
              if (!decide.job && finished.length) decide.job = finished[0].id;
              if (!decide.job) { put(section, h('h2', {}, t('tabDecide')), h('p', { class: 'muted' }, t('decideIntro')), message('wait', t('decideNone'))); return; }
              const key = decide.job + '|' + lang;
              if (decide.sheetKey !== key) {
                const r = await api('GET', `/api/jobs/${decide.job}/decisions?lang=${lang}`);
                if (!r.ok) { put(section, h('h2', {}, t('tabDecide')), message('bad', r.data?.error || t('error'))); return; }
                this.take(r.data, decide.sheet?.job === decide.job);
              }
              const pickSolve = h('select', { id: 'decide-job', onchange: (e) => { this.build(section, { job: e.target.value }); } },
                (finished.some((j) => j.id === decide.job) ? finished : [{ id: decide.job, path: decide.sheet.path }, ...finished]).map((j) => h('option', { value: j.id, selected: j.id === decide.job },
                  `${j.path} · ${j.id}` + (j.replanOf ? ' · ' + t('kind_replan') : '') + (j.result ? ' · ' + resultSentence(j.result) : ''))));
              put(section,
                h('h2', {}, t('tabDecide')), h('p', { class: 'muted' }, t('decideIntro')),
                h('div', { class: 'row' }, h('label', { class: 'field grow' }, h('span', {}, t('decideSolve')), pickSolve)),
                h('div', { id: 'decide-review' }),
                h('div', { id: 'decide-table' }),
                h('div', { id: 'decide-actions' }),
                h('div', { id: 'decide-message' }),
                h('div', { id: 'decide-progress' }),
                h('div', { id: 'decide-register' }));
              this.renderReview();
              this.renderTable();
              this.renderActions();
              this.renderRegister();
              if (decide.notice) this.say(...decide.notice);
              if (decide.replan) this.follow(decide.replan);
            },
            // The rows of a sheet become the marks (a sheet read from a file replaces them; the
            // same solve's sheet in another language keeps the marks made).
            take(sheet, keepMarks) {
              const old = decide.marks;
              decide.sheet = sheet;
              decide.sheetKey = sheet.job + '|' + lang;
              decide.marks = new Map(sheet.rows.map((r) => [r.move, keepMarks && old.has(r.move) ? old.get(r.move) : { decision: r.decision, note: r.note }]));
              if (!decide.file) decide.file = (sheet.saveAs || 'decisions.csv').split('/').pop();
              if (!decide.loadPath) decide.loadPath = sheet.saveAs || '';
              if (!decide.register) decide.register = sheet.registers[0] || sheet.saveAs.replace(/[^/]*$/, '') + 'register.sqlite';
            },
            say(kind, text, extra) {
              decide.notice = [kind, text, extra];
              const box = $('#decide-message', this.section);
              if (box) put(box, text ? message(kind, text) : null, extra || null);
            },
            counts() {
              const c = { accept: 0, reject: 0, keep: 0, pending: 0 };
              for (const m of decide.marks.values()) c[m.decision] += 1;
              return c;
            },
            renderCounts() {
              const c = this.counts();
              const el = $('#decide-counts', this.section);
              if (el) el.textContent = t('decideCounts', c.accept, c.reject, c.keep, c.pending);
            },
            renderTable() {
              const box = $('#decide-table', this.section);
              const s = decide.sheet;
              const head = h('p', {}, h('code', {}, s.path), ' · ', h('b', {}, s.job),
                s.replanOf ? h('span', { class: 'muted' }, ' · ' + t('replanOf', s.replanOf)) : null,
                s.loadedFrom ? h('span', { class: 'muted' }, ' · ' + t('loadedFrom', s.loadedFrom)) : null);
              if (!s.rows.length) { put(box, head, message('ok', t('noMoves'))); return; }
              const set = (move, decision) => {
                decide.marks.get(move).decision = decision;
                const input = $(`#dm-${move}-${decision}`, box);
                if (input) input.checked = true;
                const tr = $(`tr[data-move="${move}"]`, box);
                if (tr) tr.dataset.decision = decision;
                this.renderCounts();
              };
              const rows = s.rows.map((r) => {
                const m = decide.marks.get(r.move);
                const earlier = r.source === 'earlier';
                const allowed = (v) => !(earlier && v === 'accept') && !(r.rule && v === 'keep');
                const names = (ids, ns) => ids.map((id, i) => h('span', { title: id }, ns[i] || id)).flatMap((x, i) => (i ? [', ', x] : [x]));
                const group = h('div', { class: 'verdicts', role: 'radiogroup', 'aria-label': t('colDecision') + ' ' + r.move },
                  VERDICTS.map((v) => h('label', { class: 'v v-' + v + (allowed(v) ? '' : ' off') },
                    h('input', { type: 'radio', name: 'dm-' + r.move, id: `dm-${r.move}-${v}`, value: v, checked: m.decision === v, disabled: !allowed(v),
                      onchange: () => set(r.move, v) }), h('span', {}, t('v_' + v)))));
                return h('tr', { 'data-move': r.move, 'data-decision': m.decision, 'data-commune': r.commune,
                  onkeydown: (e) => {
                    if (e.target.type === 'text' || e.altKey || e.ctrlKey || e.metaKey) return;
                    const v = { a: 'accept', r: 'reject', k: 'keep', p: 'pending' }[e.key.toLowerCase()];
                    if (v && allowed(v)) { e.preventDefault(); set(r.move, v); $(`#dm-${r.move}-${v}`, box)?.focus(); }
                  } },
                  h('td', { class: 'r' }, String(r.move)),
                  h('td', {}, h('b', {}, r.communeName), h('div', { class: 'muted' }, r.commune)),
                  h('td', {}, names(r.from, r.fromNames), ' → ', h('b', {}, names(r.to, r.toNames))),
                  h('td', { class: 'r' }, r.gain === '' ? '—' : signed(Number(r.gain), 2)),
                  h('td', { class: 'reason' }, earlier ? h('i', {}, t('earlierRow')) : s.reasons[r.commune] || '',
                    r.rule ? h('div', {}, h('span', { class: 'badge warn' }, t('forcedBy', r.rule))) : null),
                  h('td', {}, group),
                  h('td', {}, h('input', { type: 'text', class: 'note', id: `dm-${r.move}-note`, value: m.note, 'aria-label': t('note') + ' ' + r.move,
                    maxlength: '2000', oninput: (e) => { m.note = e.target.value; } })));
              });
              put(box, head,
                h('div', { class: 'row' }, h('p', { id: 'decide-counts', class: 'counts', role: 'status' }),
                  h('button', { type: 'button', id: 'decide-reset', onclick: () => { for (const r of s.rows) if (decide.marks.get(r.move).decision !== 'pending') set(r.move, 'pending'); } }, t('allPending'))),
                h('p', { class: 'hint' }, t('decideKeys')),
                h('table', { class: 'decide', id: 'decide-moves' },
                  h('thead', {}, h('tr', {}, [t('colMove'), t('commune'), t('colFromTo'), t('colGain'), t('colReason'), t('colDecision'), t('note')].map((x) => h('th', {}, x)))),
                  h('tbody', {}, rows)));
              this.renderCounts();
            },
            renderActions() {
              const box = $('#decide-actions', this.section);
              const s = decide.sheet;
              const hasRows = s.rows.length > 0;
              put(box,
                h('div', { class: 'row' },
                  h('label', { class: 'field small' }, h('span', {}, t('timeLimit')), h('input', { type: 'number', id: 'decide-time', min: '1', step: '1',
                    placeholder: t('timeLimitHint'), value: decide.limit, oninput: (e) => { decide.limit = e.target.value; } })),
                  h('button', { type: 'button', class: 'primary', id: 'decide-replan', disabled: !hasRows, onclick: () => this.replan() }, t('replan'))),
                h('div', { class: 'row' },
                  h('label', { class: 'field grow' }, h('span', {}, t('saveName')), h('input', { id: 'decide-file', value: decide.file, oninput: (e) => { decide.file = e.target.value; } })),
                  h('button', { type: 'button', id: 'decide-save', disabled: !hasRows, onclick: () => this.save(false) }, t('saveDecisions')),
                  h('label', { class: 'field grow' }, h('span', {}, t('loadPath')), h('input', { id: 'decide-load-path', list: 'decide-csv', value: decide.loadPath,
                    oninput: (e) => { decide.loadPath = e.target.value; } }), h('datalist', { id: 'decide-csv' }, s.csvFiles.map((f) => h('option', { value: f })))),
                  h('button', { type: 'button', id: 'decide-load', onclick: () => this.load() }, t('loadDecisions'))));
            },
            problems(data) { return data?.problems ? problemTable(data.problems) : data?.lines ? h('ul', { class: 'plain' }, data.lines.map((l) => h('li', {}, h('code', {}, l)))) : null; },
            async save(overwrite) {
              this.say('wait', t('loading'));
              const r = await api('POST', `/api/jobs/${decide.job}/decisions/save`, { decisions: marksBody(), file: decide.file.trim(), overwrite });
              if (r.status === 409 && r.data?.exists) {
                if (await confirmDialog(t('exists', r.data.path), t('replace'))) return this.save(true);
                this.say('wait', '');
                return;
              }
              if (!r.ok) { this.say('bad', r.data?.error || t('error'), this.problems(r.data)); return; }
              decide.loadPath = r.data.path;
              decide.sheet.saveAsExists = true;
              if (!decide.sheet.csvFiles.includes(r.data.path)) decide.sheet.csvFiles.push(r.data.path);
              this.say('ok', t('savedDecisions', r.data.path, r.data.bytes));
            },
            async load() {
              this.say('wait', t('loading'));
              const r = await api('GET', `/api/jobs/${decide.job}/decisions?lang=${lang}&from=${encodeURIComponent(decide.loadPath.trim())}`);
              if (!r.ok) { this.say('bad', r.data?.error || t('error'), this.problems(r.data)); return; }
              this.take(r.data, false);
              this.renderTable();
              this.say('ok', t('loadedFrom', r.data.loadedFrom), r.data.notes.length ? h('ul', { class: 'plain', id: 'decide-notes' }, r.data.notes.map((n) => h('li', {}, n))) : null);
            },
            async replan() {
              this.say('wait', t('loading'));
              const body = { decisions: marksBody() };
              if (decide.limit) body.timeLimit = Number(decide.limit);
              const r = await api('POST', `/api/jobs/${decide.job}/replan`, body);
              if (!r.ok) { this.say('bad', r.data?.error || t('error'), this.problems(r.data)); return; }
              r.data.mine = true;
              state.snapshots.set(r.data.id, r.data);
              refreshJobs();
              decide.replan = r.data.id;
              this.say('wait', '');
              this.follow(r.data.id);
            },
            // The re-plan's progress, as the Solve tab shows a solve's: time, best plan, bound, gap, Stop.
            follow(id) {
              const box = $('#decide-progress', this.section);
              if (!box) return;
              put(box, h('div', { class: 'job card', id: 'decide-job-' + id },
                h('div', { class: 'job-head' }, h('h3', {}, t('replanTitle')), h('span', { id: 'decide-state', class: 'state' }),
                  h('button', { type: 'button', id: 'decide-stop', class: 'danger', onclick: async (e) => {
                    e.target.disabled = true;
                    e.target.textContent = t('stopping');
                    const r = await api('POST', `/api/jobs/${id}/stop`);
                    if (!r.ok) e.target.textContent = r.data?.error || t('error');
                  } }, t('stop'))),
                h('div', { class: 'tiles' }, tile('elapsed', 'decide-elapsed'), tile('incumbent', 'decide-incumbent'), tile('bound', 'decide-bound'), tile('gap', 'decide-gap')),
                h('div', { class: 'bar' }, h('i', { id: 'decide-bar' }))));
              const update = (snap) => {
                if (decide.replan !== id || current !== 'decide') return;
                const sec = this.section;
                const p = snap.progress, r = snap.result;
                const setText = (el, text) => { const x = $('#' + el, sec); if (x) x.textContent = text; };
                setText('decide-state', stateWord(snap) + (snap.stopReason ? ' · ' + t('stoppedBy_' + snap.stopReason) : ''));
                setText('decide-elapsed', num(snap.elapsedSeconds, 1) + ' ' + t('ofLimit', num(snap.timeLimit, 0)));
                setText('decide-incumbent', num(r ? r.objective : p?.incumbent, 2));
                setText('decide-bound', num(r ? r.bestBound ?? p?.bound : p?.bound, 2));
                setText('decide-gap', pct(r && r.hasPlan ? r.gap ?? (r.status === 'optimal' ? 0 : null) : p?.gap));
                const bar = $('#decide-bar', sec);
                if (bar) bar.style.width = Math.min(100, (100 * snap.elapsedSeconds) / Math.max(1, snap.timeLimit)) + '%';
                const stop = $('#decide-stop', sec);
                if (stop) stop.hidden = !(snap.state === 'queued' || snap.state === 'running');
                if (snap.state === 'finished' && r?.hasPlan) {
                  // The re-plan becomes the solve decided on: its review, and its own rows.
                  Object.assign(decide, { replan: null, job: id, sheet: null, sheetKey: null, adopted: null, history: null });
                  decide.notice = ['ok', resultSentence(r) + ' · ' + t('decideNext')];
                  this.build(this.section);
                } else if (snap.state === 'finished' || snap.state === 'failed' || snap.state === 'cancelled') {
                  decide.replan = null;
                  this.say('bad', (r ? resultSentence(r) : snap.error) || stateWord(snap), snap.problems ? problemTable(snap.problems) : null);
                }
              };
              const snap = state.snapshots.get(id);
              if (snap) update(snap);
              if (!snap || snap.state === 'queued' || snap.state === 'running') watch(id, update);
            },
            // A re-plan's review: honoured or not, the cost side by side, moves that appeared or
            // disappeared and why, and the report with the decisions on its map.
            renderReview() {
              const box = $('#decide-review', this.section);
              const v = decide.sheet.review;
              if (!v) { put(box); return; }
              const p = v.proposal, q = v.decided;
              const line = (key, a, b, places, fmt = (x) => num(x, places)) => h('tr', {}, h('th', {}, t(key)), h('td', {}, fmt(a)),
                h('td', {}, b == null ? '—' : fmt(b)), h('td', {}, b == null ? '—' : signed(b - a, places)));
              const terms = ['coverage', 'mountainBalance', 'workloadBalance', 'travel', 'changes'];
              const who = (ids) => ids.map((id) => decide.sheet.officerNames[id] || id).join(', ') || '—';
              const change = (c, sign) => h('li', {}, sign + ' ', h('b', {}, c.communeName), ': ', who(c.from), ' → ', who(c.to),
                h('span', { class: 'muted' }, ' — ' + (lang === 'en' ? c.reason : c.becauseOf.length ? t('tiedTo', c.becauseOf.map((n) => '#' + n).join(', ')) : t('tiedToAll'))));
              const list = (key, changes, sign, id) => h('div', {}, h('h4', {}, `${t(key)} (${changes.length})`),
                changes.length ? h('ul', { class: 'plain', id }, changes.map((c) => change(c, sign))) : h('p', { class: 'muted', id }, t('none')));
              const url = `/api/jobs/${decide.job}/report?lang=${lang}`;
              put(box, h('div', { class: 'card review' },
                h('h3', {}, t('reviewTitle')),
                message(v.rows.every((r) => r.honoured) ? 'ok' : 'bad', (v.rows.every((r) => r.honoured) ? t('honoured') : t('notHonoured'))
                  + (v.cost != null ? ' ' + t('costLine', signed(v.cost, 2)) : '')),
                h('p', {}, t('decideCounts', v.accepted, v.rejected, v.kept, v.pending)),
                h('table', { class: 'num cost', id: 'decide-cost' },
                  h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('proposalCol')), h('th', {}, t('decidedCol')), h('th', {}, t('diffCol')))),
                  h('tbody', {},
                    line('k_total', p.total, q?.total, 2),
                    terms.map((k) => line('k_' + k, p.points[k] ?? 0, q ? q.points[k] ?? 0 : null, 2)),
                    line('k_km', p.province.kmPerYear, q?.province.kmPerYear, 0),
                    line('k_maxUtil', p.province.maxUtilisation, q?.province.maxUtilisation, 1, (x) => num(x, 1) + ' %'),
                    line('k_spread', p.province.mountainShareSpread, q?.province.mountainShareSpread, 1),
                    line('k_uncovered', p.province.uncoveredNeeds, q?.province.uncoveredNeeds, 0),
                    line('k_overloaded', p.province.overloadedOfficers, q?.province.overloadedOfficers, 0),
                    line('k_moves', p.province.moves, q?.province.moves, 0))),
                h('div', { class: 'grid2' }, list('appeared', v.appeared, '+', 'decide-appeared'), list('disappeared', v.disappeared, '−', 'decide-disappeared')),
                h('p', { class: 'links' }, h('a', { href: url, target: '_blank', rel: 'noopener' }, t('openReport')), ' · ',
                  h('a', { href: `/api/jobs/${decide.job}/solve.json`, download: 'plan.json' }, t('downloadJson'))),
                h('iframe', { id: 'decide-report-frame', class: 'report', src: url, title: t('reportTitle') })));
            },
            renderRegister() {
              const box = $('#decide-register', this.section);
              const s = decide.sheet;
              const isNew = () => !s.registers.includes(decide.register.trim());
              const asOfField = h('label', { class: 'field small', id: 'reg-asof-field', hidden: !isNew() }, h('span', {}, t('asOf')),
                h('input', { type: 'date', id: 'reg-asof', value: decide.asOf, oninput: (e) => { decide.asOf = e.target.value; } }));
              const newHint = h('p', { class: 'hint', id: 'reg-new-hint', hidden: !isNew() }, t('newRegisterHint'));
              const field = (key, id, attrs, labelKey) => h('label', { class: 'field ' + (attrs.cls || 'grow') }, h('span', {}, t(labelKey)),
                h('input', { id, type: attrs.type || 'text', value: decide[key], placeholder: attrs.placeholder, oninput: (e) => { decide[key] = e.target.value; } }));
              const result = h('div', { id: 'reg-result' });
              put(box, h('div', { class: 'card' },
                h('h3', {}, t('registerTitle')),
                h('div', { class: 'row' },
                  h('label', { class: 'field grow' }, h('span', {}, t('registerPath')), h('input', { id: 'reg-path', list: 'reg-list', value: decide.register,
                    oninput: (e) => { decide.register = e.target.value; asOfField.hidden = !isNew(); newHint.hidden = !isNew(); } }),
                    h('datalist', { id: 'reg-list' }, s.registers.map((f) => h('option', { value: f })))),
                  asOfField),
                newHint,
                h('div', { class: 'row' },
                  field('effective', 'reg-effective', { type: 'date', cls: 'small' }, 'effective'),
                  field('reference', 'reg-reference', { placeholder: t('referenceHint') }, 'decisionRef'),
                  field('note', 'reg-note', {}, 'note'),
                  h('button', { type: 'button', class: 'primary', id: 'decide-adopt', disabled: !s.rows.length, onclick: () => this.adopt(result) }, t('adopt'))),
                result));
              if (decide.adopted) this.showRegister(result, decide.adopted);
            },
            async adopt(result) {
              const path = decide.register.trim(), ref = decide.reference.trim(), isNew = !decide.sheet.registers.includes(path);
              if (!path || !ref || !decide.effective || (isNew && !decide.asOf)) { put(result, message('bad', t('needAdopt'))); return; }
              const ok = await confirmDialog(t('adoptConfirm', ref, isoDay(decide.effective), path, isNew ? isoDay(decide.asOf) : null), t('adoptYes'));
              if (!ok) return;
              put(result, message('wait', t('loading')));
              const body = { decisions: marksBody(), register: path, effective: decide.effective, reference: ref, note: decide.note };
              if (isNew) body.asOf = decide.asOf;
              const r = await api('POST', `/api/jobs/${decide.job}/adopt`, body);
              if (!r.ok) { put(result, message('bad', r.data?.error || t('error')), this.problems(r.data)); return; }
              if (!decide.sheet.registers.includes(r.data.register)) decide.sheet.registers.push(r.data.register);
              decide.adopted = { ...r.data.state, summary: r.data.summary, problems: r.data.problems, reference: ref };
              decide.history = null;
              this.renderRegister();
            },
            showRegister(box, a) {
              const history = h('div', { id: 'reg-history' });
              put(box,
                message('ok', t('adopted', a.reference, a.path)),
                a.problems.length ? message('bad', a.problems.join(' ')) : h('p', { class: 'hint' }, t('registerSound')),
                h('details', {}, h('summary', {}, t('cliAdopt')), h('pre', { class: 'cli', id: 'reg-summary' }, a.summary.join('\n'))),
                h('h4', {}, t('registerOn', isoDay(a.asOf)) + ' · ' + a.pairs.length),
                h('p', { class: 'hint' }, t('historyHint')),
                h('div', { class: 'scroll' }, h('table', { class: 'list', id: 'reg-assignment' },
                  h('thead', {}, h('tr', {}, [t('commune'), t('officer'), t('since'), t('tenure'), t('begunBy')].map((x) => h('th', {}, x)))),
                  h('tbody', {}, a.pairs.map((p) => h('tr', { tabindex: '0', 'data-commune': p.commune,
                    onclick: () => this.history(history, a.path, p.commune),
                    onkeydown: (e) => { if (e.key === 'Enter') this.history(history, a.path, p.commune); } },
                    h('td', {}, p.communeName, h('span', { class: 'muted' }, ' ' + p.commune)), h('td', {}, p.officerName, h('span', { class: 'muted' }, ' ' + p.officer)),
                    h('td', {}, isoDay(p.since)), h('td', {}, t('years', p.years, p.days)), h('td', {}, p.decision)))))),
                history,
                h('details', {}, h('summary', {}, t('cliShow')), h('pre', { class: 'cli', id: 'reg-show-text' }, a.text)));
              if (decide.history) this.history(history, a.path, decide.history);
            },
            async history(box, path, commune) {
              decide.history = commune;
              put(box, message('wait', t('loading')));
              const r = await api('GET', `/api/register/history?path=${encodeURIComponent(path)}&commune=${encodeURIComponent(commune)}`);
              if (!r.ok) { put(box, message('bad', r.data?.error || t('error'))); return; }
              const d = r.data;
              put(box, h('h4', {}, t('historyOf', `${d.name} (${d.id})`)),
                h('table', { class: 'num', id: 'reg-history-table' },
                  h('thead', {}, h('tr', {}, [t('officer'), t('since'), t('until'), t('begunBy'), t('endedBy')].map((x) => h('th', {}, x)))),
                  h('tbody', {}, d.periods.map((p) => h('tr', {}, h('td', { class: 'l' }, `${p.officerName} (${p.officer})`), h('td', { class: 'l' }, isoDay(p.start)),
                    h('td', { class: 'l' }, p.end ? isoDay(p.end) : t('inForce')), h('td', { class: 'l' }, p.startedBy), h('td', { class: 'l' }, p.endedBy || ''))))));
            },
          };

          // ---------------------------------------------------------------- trade-off panel
          const sweep = { path: null, from: 0, to: 40, step: 4, limit: 10, job: null };
          panels.tradeoff = {
            tab: 'tabTradeoff',
            async build(section, arg) {
              if (arg?.job) sweep.job = arg.job;
              if (!state.scenarios) await loadScenarios();
              const valid = validScenarios();
              if (!sweep.path && valid.length) sweep.path = valid[0].path;
              const numIn = (key, labelKey) => h('label', { class: 'field small' }, h('span', {}, t(labelKey)),
                h('input', { type: 'number', min: '0', step: '1', id: 'tradeoff-' + key, value: sweep[key], oninput: (e) => { sweep[key] = e.target.value; } }));
              const note = h('div', { id: 'tradeoff-message' });
              const out = h('div', { id: 'tradeoff-out' });
              put(section, 
                h('h2', {}, t('tabTradeoff')), h('p', { class: 'muted' }, t('tradeoffIntro')),
                h('div', { class: 'row' },
                  h('label', { class: 'field grow' }, h('span', {}, t('scenario')), h('select', { id: 'tradeoff-scenario', onchange: (e) => { sweep.path = e.target.value; } },
                    valid.map((s) => h('option', { value: s.path, selected: s.path === sweep.path }, s.path + (s.name ? ' — ' + s.name : ''))))),
                  numIn('from', 'from'), numIn('to', 'to'), numIn('step', 'step'), numIn('limit', 'perPoint'),
                  h('button', { type: 'button', class: 'primary', id: 'tradeoff-start', onclick: async () => {
                    put(note, );
                    const r = await startJob({ kind: 'tradeoff', path: sweep.path, from: Number(sweep.from), to: Number(sweep.to), step: Number(sweep.step),
                      timeLimit: Number(sweep.limit) || undefined });
                    if (!r.ok) { put(note, message('bad', r.data?.error || t('error'))); return; }
                    sweep.job = r.data.id;
                    this.follow(out);
                  } }, t('run'))),
                note, out);
              if (sweep.job) this.follow(out);
            },
            follow(out) {
              const id = sweep.job;
              const line = h('p', { id: 'tradeoff-state' });
              const stop = h('button', { type: 'button', class: 'danger', id: 'tradeoff-stop', onclick: () => api('POST', `/api/jobs/${id}/stop`) }, t('stop'));
              const result = h('div', {});
              put(out, h('div', { class: 'row' }, line, stop), result);
              const update = async (s, type) => {
                if (sweep.job !== id) return;
                const pts = s.points || { done: 0, total: 0 };
                line.textContent = stateWord(s) + ' · ' + t('pointOf', pts.done, pts.total)
                  + (s.state === 'running' && s.progress?.gap != null ? ' · ' + t('gap') + ' ' + pct(s.progress.gap) : '');
                stop.hidden = !(s.state === 'queued' || s.state === 'running');
                if (s.state === 'finished' && !result.dataset.done) {
                  result.dataset.done = '1';
                  const r = await api('GET', `/api/jobs/${id}/tradeoff.json`);
                  if (!r.ok) { put(result, message('bad', r.data?.error || t('error'))); return; }
                  put(result, h('img', { src: `/api/jobs/${id}/chart.svg`, alt: t('tabTradeoff'), class: 'chart', id: 'tradeoff-chart' }),
                    h('table', { class: 'list num', id: 'tradeoff-table' },
                      h('thead', {}, h('tr', {}, [t('value'), t('status'), t('movesCol'), t('withoutContinuity'), t('gainPerMove'), t('gap')].map((x) => h('th', {}, x)))),
                      h('tbody', {}, r.data.points.map((p) => h('tr', {},
                        h('td', {}, '≤ ' + num(p.value, 0)), h('td', { class: 'l' }, resultSentence({ ...p, hasPlan: p.objective != null })),
                        h('td', { class: 'r' }, num(p.moves, 0)), h('td', { class: 'r' }, num(p.withoutContinuity, 1)),
                        h('td', { class: 'r' }, num(p.gainPerMove, 1)), h('td', { class: 'r' }, pct(p.gap)))))));
                } else if (s.state === 'failed' || s.state === 'cancelled') {
                  put(result, message('bad', s.error || stateWord(s)), s.problems ? problemTable(s.problems) : '');
                }
              };
              const snap = state.snapshots.get(id);
              if (snap) update(snap);
              if (!snap || snap.state === 'queued' || snap.state === 'running') watch(id, update);
              else api('GET', '/api/jobs/' + id).then((r) => r.ok && update(r.data));
            },
          };

          // ---------------------------------------------------------------- start
          // Every panel of the list gets its section (a panel added to `order` needs no HTML).
          for (const id of order) {
            if (!$('#panel-' + id)) $('#main').append(h('section', { class: 'panel', id: 'panel-' + id, role: 'tabpanel', 'aria-labelledby': 'tab-' + id, hidden: true }));
          }
          for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
          $('#queue').addEventListener('click', () => show('solve'));
          const first = order.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'scenarios';
          show(first);
          refreshJobs();
          setInterval(() => { if (!document.hidden) refreshJobs(); }, 2000);
        })();
        """#
}
