extension Templates {
    /// Letters as a table, the number linking to the letter (a partial of the letters page: the list, and what was
    /// issued just now).
    static let letterRows = #"""
        {{#hasRows}}
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>{{t.svLetterNumber}}</th><th>{{t.svKind}}</th><th>{{t.svSubjects}}</th><th>{{t.department}}</th><th>{{t.svItems}}</th><th>{{t.svIssuedAt}}</th><th>{{t.svIssuedBy}}</th></tr></thead>
        <tbody>
        {{#rows}}<tr class="{{rowClass}}"><td><a href="{{href}}">{{letterNumber}}</a></td><td>{{kind}}</td><td>{{subjects}}</td><td>{{department}}</td><td class="num">{{items}}</td><td class="num">{{issuedAt}}</td><td>{{issuedBy}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/hasRows}}
        {{^hasRows}}<p class="note">{{t.none}}</p>{{/hasRows}}
        """#

    /// `/letters`: the filters, the form that issues the letters due now, and the letters, newest first.
    static let letters = #"""
        {{<layout}}{{$content}}
        <p class="links">{{#links}}<a href="{{href}}">{{label}}</a>{{/links}}</p>
        {{#issued}}
        <h2>{{t.svIssuedNow}}（{{issuedCount}}）</h2>
        {{> letterRows}}
        {{/issued}}
        {{#mayIssue}}
        <form method="post" action="/letters/issue" class="card action">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <h3>{{t.svIssueTitle}}</h3>
        <p class="note">{{t.svIssueHelp}}</p>
        <button>{{t.svIssue}}</button>
        </form>
        {{/mayIssue}}
        <form method="get" action="/letters" class="search">
        <label>{{t.svKind}} <select name="kind"><option value="">{{t.any}}</option>{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></label>
        {{#departmentChoice}}<label>{{t.department}} <select name="department"><option value="">{{t.any}}</option>{{#departments}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/departments}}</select></label>{{/departmentChoice}}
        <label>{{t.svYear}} <input name="year" value="{{year}}" maxlength="4" inputmode="numeric" placeholder="2025"></label>
        <label>{{t.svMonth}} <input name="month" value="{{monthText}}" maxlength="7" placeholder="2025-06"></label>
        <button>{{t.find}}</button>
        </form>
        {{#listed}}
        <h2>{{t.svLetterList}}（{{count}}）</h2>
        {{> letterRows}}
        {{/listed}}
        {{> pager}}
        {{/content}}{{/layout}}
        """#

    /// `/letters/{number}`: one letter as a document (`LetterHTML`), and its Markdown as `govdesk letters show` prints
    /// it, to copy; the layout's print style leaves out the bar, the forms and the source, so the printed page is the
    /// letter.
    static let letter = #"""
        {{<layout}}{{$content}}
        <div class="letter-meta">
        <p class="links"><a href="/letters">{{t.svBackToLetters}}</a></p>
        {{#shown}}
        <table class="kv">
        <tr><th>{{t.svKind}}</th><td>{{kind}}</td></tr>
        <tr><th>{{t.department}}</th><td>{{department}}</td></tr>
        <tr><th>{{t.svIssuedAt}}</th><td class="num">{{issuedAt}}</td></tr>
        <tr><th>{{t.svIssuedBy}}</th><td>{{issuedBy}}</td></tr>
        <tr><th>{{t.svItems}}</th><td class="num">{{items}}</td></tr>
        </table>
        <p class="note">{{t.svPrint}}</p>
        {{/shown}}
        </div>
        {{#shown}}
        <article class="card letter">{{{letterHTML}}}</article>
        <details class="letter-source"><summary>{{t.svMarkdown}}</summary><pre>{{letterText}}</pre></details>
        {{/shown}}
        {{/content}}{{/layout}}
        """#

    /// `/months`: the closed months with their seals, the form to close one, and its confirmation step.
    static let months = #"""
        {{<layout}}{{$content}}
        <p class="links">{{#links}}<a href="{{href}}">{{label}}</a>{{/links}}</p>
        {{#confirm}}
        <form method="post" action="/months/close" class="card action">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="month" value="{{monthText}}">
        <input type="hidden" name="confirm" value="yes">
        <h3>{{t.svConfirmClose}} {{monthText}}</h3>
        <p class="note text">{{warning}}</p>
        <button>{{t.svCloseConfirmed}}</button>
        </form>
        <p><a href="/months">{{t.svCancel}}</a></p>
        {{/confirm}}
        {{#closeForm}}
        <form method="post" action="/months/close" class="card action">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <h3>{{t.svCloseTitle}}</h3>
        <p class="note">{{t.svCloseHelp}}</p>
        <label>{{t.svMonth}}<input name="month" value="{{monthText}}" maxlength="7" placeholder="2025-05" required></label>
        <button>{{t.svCloseNext}}</button>
        </form>
        {{/closeForm}}
        <h2>{{t.svClosedMonths}}（{{count}}）</h2>
        {{#hasRows}}
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>{{t.svMonth}}</th><th>{{t.svClosedAt}}</th><th>{{t.svClosedBy}}</th><th>{{t.svSha}}</th><th>{{t.svLedgerHead}}</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{monthText}}</a></td><td class="num">{{closedAt}}</td><td>{{closedBy}}</td><td class="num">{{sha}}</td><td class="num">{{head}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/hasRows}}
        {{^hasRows}}<p class="note">{{t.none}}</p>{{/hasRows}}
        {{/content}}{{/layout}}
        """#

    /// `/evaluations/{YYYY-MM}`: the month's evaluation as `govdesk eval show --all` prints it — state, awards with
    /// their reasons, the rankings with each score's breakdown — and the supervisor's forms.
    static let evaluation = #"""
        {{<layout}}{{$content}}
        <p class="links">{{#links}}<a href="{{href}}">{{label}}</a>{{/links}}</p>
        {{#record}}
        <section class="cards">
        <div class="card"><div class="label">{{t.state}}</div><div class="value small">{{stateLabel}}</div></div>
        <div class="card"><div class="label">{{t.svComputed}}</div><div class="value small">{{computed}}</div></div>
        {{#finalizedLine}}<div class="card"><div class="label">{{t.svFinalizedBy}}</div><div class="value small">{{finalizedLine}}</div></div>{{/finalizedLine}}
        </section>
        <h2>{{t.svAwards}}</h2>
        {{#hasAwards}}
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>{{t.svAward}}</th><th>{{t.svPosition}}</th><th>{{t.svCode}}</th><th>{{t.svName}}</th><th>{{t.svReason}}</th></tr></thead>
        <tbody>
        {{#awards}}<tr><td>{{award}}</td><td class="num">{{position}}</td><td>{{code}}</td><td>{{name}}</td><td class="text">{{reason}}</td></tr>
        {{/awards}}
        </tbody></table></div>
        {{/hasAwards}}
        {{^hasAwards}}<p class="note">{{t.none}}</p>{{/hasAwards}}
        {{#rankings}}
        <h2>{{heading}}（{{count}}）</h2>
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>{{t.svRank}}</th><th>{{t.svCode}}</th><th>{{t.svName}}</th><th>{{t.svScore}}</th><th>{{t.svCases}}</th><th>{{t.svOnTime}}</th><th>{{t.svRatings}}</th><th>{{t.svAverage}}</th><th>{{t.svBad}}</th><th>{{t.svBreaches}}</th><th>{{t.svFindings}}</th><th>{{t.svManual}}</th><th>{{t.svBreakdown}}</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td class="num">{{rank}}</td><td>{{code}}</td><td>{{name}}</td><td class="num">{{score}}</td><td class="num">{{cases}}</td><td class="num">{{onTime}}</td><td class="num">{{ratings}}</td><td class="num">{{average}}</td><td class="num">{{bad}}</td><td class="num">{{breaches}}</td><td class="num">{{findings}}</td><td class="num">{{manual}}</td><td>{{breakdown}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/rankings}}
        <p class="note">{{formula}}</p>
        {{/record}}
        {{^record}}<p class="note">{{t.svNotRun}}</p>{{/record}}
        <h2>{{t.svManualScores}}</h2>
        {{#hasScores}}
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>{{t.svStaff}}</th><th>{{t.svItem}}</th><th>{{t.svPointsShort}}</th><th>{{t.svNote}}</th><th>{{t.svRecordedBy}}</th><th>{{t.svRecordedAt}}</th></tr></thead>
        <tbody>
        {{#scores}}<tr><td>{{staffName}}</td><td>{{item}}</td><td class="num">{{points}}</td><td class="text">{{note}}</td><td>{{recordedBy}}</td><td class="num">{{recordedAt}}</td></tr>
        {{/scores}}
        </tbody></table></div>
        {{/hasScores}}
        {{^hasScores}}<p class="note">{{t.none}}</p>{{/hasScores}}
        {{#forms}}
        <form method="post" action="/evaluations/{{monthText}}/run" class="card action">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <h3>{{runLabel}}</h3>
        <p class="note">{{t.svRunHelp}}</p>
        <button>{{runLabel}}</button>
        </form>
        <form method="post" action="/evaluations/{{monthText}}/score" class="card action secondary">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <h3>{{t.svAddScore}}</h3>
        <label>{{t.svStaff}}<select name="staff" required><option value="">{{t.choose}}</option>{{#staffOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/staffOptions}}</select></label>
        <label>{{t.svItem}}<input name="item" value="{{item}}" maxlength="100" required placeholder="业务考试"></label>
        <label>{{t.svPoints}}<input name="points" value="{{points}}" maxlength="8" inputmode="decimal" required></label>
        <label>{{t.svNote}}<input name="note" value="{{note}}" maxlength="200"></label>
        <button>{{t.svAddScore}}</button>
        </form>
        {{#mayFinalize}}
        <form method="post" action="/evaluations/{{monthText}}/finalize" class="card action">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <h3>{{t.svFinalize}}</h3>
        <p class="note">{{t.svFinalizeHelp}}</p>
        <button>{{t.svFinalize}}</button>
        </form>
        {{/mayFinalize}}
        {{/forms}}
        {{/content}}{{/layout}}
        """#
}
