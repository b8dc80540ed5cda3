/// The service hall's templates (DESIGN §12: window staff: cases; officers: findings), registered in `all`.
extension Templates {
    /// One action form of a case or finding page (a partial): the fields of `TicketActions`' forms, posted to
    /// `formPath` with the session's token.
    static let hallForm = #"""
        <form method="post" action="{{formPath}}" class="card action{{#secondary}} secondary{{/secondary}}">
        <input type="hidden" name="_csrf" value="{{formToken}}">
        <h3>{{formTitle}}</h3>
        {{#formNote}}<p class="note text">{{formNote}}</p>{{/formNote}}
        {{#fields}}
        {{#textarea}}<label>{{label}}<textarea name="{{name}}" rows="3" maxlength="{{max}}"{{#required}} required{{/required}}>{{typed}}</textarea></label>{{/textarea}}
        {{#line}}<label>{{label}}<input name="{{name}}" value="{{typed}}" maxlength="{{max}}"{{#required}} required{{/required}}></label>{{/line}}
        {{#numeric}}<label>{{label}}<input type="number" name="{{name}}" value="{{typed}}" min="{{min}}" max="{{max}}" required></label>{{/numeric}}
        {{#select}}<label>{{label}}<select name="{{name}}"{{#required}} required{{/required}}>{{#options}}<option value="{{optionValue}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/options}}</select></label>{{/select}}
        {{/fields}}
        <button>{{formButton}}</button>
        </form>
        """#

    /// The two paged lists of a hall record's list page (a parent partial): each list's heading and tally, its table
    /// with the columns of the page's `head` block and a `row` block per record, and its pager.
    static let hallList = #"""
        {{#lists}}
        <h2>{{heading}}（{{tally}}）</h2>
        {{#hasRows}}
        <div class="table-wrap"><table class="wide">
        <thead><tr>{{$head}}{{/head}}</tr></thead>
        <tbody>
        {{#rows}}<tr class="{{rowClass}}">{{$row}}{{/row}}</tr>
        {{/rows}}
        </tbody></table></div>
        {{/hasRows}}
        {{^hasRows}}<p class="note">{{t.none}}</p>{{/hasRows}}
        {{> pager}}
        {{/lists}}
        """#

    /// A hall record's action forms and its timeline (a partial of the case and finding pages).
    static let hallTimeline = #"""
        {{#forms}}{{> hallForm}}{{/forms}}
        <h2>{{t.timeline}}</h2>
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>#</th><th>{{t.when}}</th><th>{{t.action}}</th><th>{{t.state}}</th><th>{{t.actor}}</th><th>{{t.detail}}</th></tr></thead>
        <tbody>
        {{#events}}<tr><td class="num">{{sequence}}</td><td class="num">{{at}}{{#recordedAt}}<div class="note">{{recordedAt}}</div>{{/recordedAt}}</td><td>{{eventAction}}</td><td>{{states}}</td><td>{{eventActor}}</td><td class="text">{{details}}</td></tr>
        {{/events}}
        </tbody></table></div>

        """#

    /// A list's pager (a partial): the previous and next pages and where this one stands.
    static let pager = #"""
        {{#pager}}<p class="pager">{{#previous}}<a href="{{previous}}">{{previousLabel}}</a>{{/previous}} <span>{{position}}</span> {{#next}}<a href="{{next}}">{{nextLabel}}</a>{{/next}}</p>{{/pager}}

        """#

    /// The window staff's and the officers' sections of the queue (a partial of `queue`): counts and a link.
    static let hallQueue = #"""
        {{#hallSections}}
        <h2>{{heading}}</h2>
        <p class="board">{{openLabel}} <strong>{{openCount}}</strong></p><p class="board">{{overdueLabel}} <strong>{{overdueCount}}</strong></p>
        <p><a class="button" href="{{href}}">{{linkLabel}}</a></p>
        {{/hallSections}}
        """#

    /// The cases a person may list: open first (by committed deadline), then the finished ones, newest first.
    static let cases = #"""
        {{<layout}}{{$content}}
        {{#scope}}<p class="note">{{scope}}</p>{{/scope}}
        {{#mayReceive}}<p><a class="button" href="/cases/new">{{t.hallNewCase}}</a></p>{{/mayReceive}}
        {{<hallList}}{{$head}}<th>{{t.hallCaseNumber}}</th><th>{{t.hallItem}}</th><th>{{t.hallWindow}}</th><th>{{t.hallFirstResponsible}}</th><th>{{t.hallApplicant}}</th><th>{{t.state}}</th><th>{{t.hallReceivedAt}}</th><th>{{t.hallDue}}</th><th>{{t.hallLeft}}</th><th>{{t.hallRating}}</th>{{/head}}
        {{$row}}<td><a href="/cases/{{caseNumber}}">{{caseNumber}}</a>{{#overdueTag}} <span class="tag">{{overdueTag}}</span>{{/overdueTag}}</td><td>{{itemName}}</td><td>{{windowName}}</td><td>{{firstResponsible}}</td><td>{{applicant}}</td><td>{{caseState}}</td><td class="num">{{receivedAt}}</td><td class="num">{{due}}</td><td class="num">{{clock}}</td><td class="num">{{rating}}</td>{{/row}}
        {{/hallList}}
        {{/content}}{{/layout}}
        """#

    /// The form that receives a case at a window (受理), as `govdesk case new`.
    static let caseNew = #"""
        {{<layout}}{{$content}}
        <form method="post" action="/cases" class="card">
        <input type="hidden" name="_csrf" value="{{formToken}}">
        <p class="note">{{t.hallNewCaseHelp}}</p>
        <label>{{t.hallWindow}}<select name="window" required>{{#windowOptions}}<option value="{{optionValue}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/windowOptions}}</select></label>
        <label>{{t.hallItem}}<select name="item" required><option value="">{{t.choose}}</option>{{#itemOptions}}<option value="{{optionValue}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/itemOptions}}</select></label>
        <label>{{t.hallApplicantName}}<input name="applicant" value="{{typedApplicant}}" maxlength="100" autocomplete="off" required></label>
        <label>{{t.hallApplicantPhone}}<input name="phone" value="{{typedPhone}}" maxlength="20" inputmode="tel" autocomplete="off"></label>
        <button>{{t.hallReceive}}</button>
        </form>
        {{/content}}{{/layout}}
        """#

    /// A case with its commitments, the forms the case rules allow this person in its state, and its timeline.
    static let caseShow = #"""
        {{<layout}}{{$content}}
        {{#caseView}}
        <section class="cards">
        <div class="card"><div class="label">{{t.state}}</div><div class="value small">{{caseState}}</div></div>
        <div class="card"><div class="label">{{t.hallDue}}</div><div class="value small">{{due}}</div><div class="delta">{{clock}}</div></div>
        <div class="card"><div class="label">{{t.hallVisits}}</div><div class="value small">{{visits}}</div></div>
        <div class="card"><div class="label">{{t.hallRating}}</div><div class="value small">{{rating}}</div></div>
        </section>
        <table class="kv">
        <tr><th>{{t.hallItem}}</th><td>{{itemName}}</td></tr>
        <tr><th>{{t.hallWindow}}</th><td>{{windowName}}</td></tr>
        <tr><th>{{t.hallFirstResponsible}}</th><td>{{firstResponsible}}</td></tr>
        <tr><th>{{t.hallApplicant}}</th><td>{{applicant}}</td></tr>
        <tr><th>{{t.hallApplicantPhone}}</th><td class="num">{{applicantPhone}}</td></tr>
        <tr><th>{{t.hallReceivedAt}}</th><td class="num">{{receivedAt}}</td></tr>
        <tr><th>{{t.hallFinishedAt}}</th><td class="num">{{finishedAt}}</td></tr>
        <tr><th>{{t.hallMaterialRequests}}</th><td>{{materialRequests}}</td></tr>
        <tr><th>{{t.hallBreaches}}</th><td>{{breaches}}</td></tr>
        {{#refusalReason}}<tr><th>{{t.hallRefusalReason}}</th><td class="text">{{refusalReason}}</td></tr>{{/refusalReason}}
        {{#ratingFinding}}<tr><th>{{t.hallRatingFinding}}</th><td><a href="/findings/{{ratingFinding}}">{{ratingFinding}}</a></td></tr>{{/ratingFinding}}
        </table>
        {{#mayShowApplicant}}<div class="links"><form method="post" action="/cases/{{caseNumber}}/applicant" class="inline"><input type="hidden" name="_csrf" value="{{formToken}}"><button class="link">{{t.hallShowApplicant}}</button></form></div>{{/mayShowApplicant}}
        {{> hallTimeline}}
        {{/caseView}}
        {{/content}}{{/layout}}
        """#

    /// The findings a person may list: open ones first (by rectification deadline), then the verified.
    static let findings = #"""
        {{<layout}}{{$content}}
        {{#mayReport}}<p><a class="button" href="/findings/new">{{t.hallNewFinding}}</a></p>{{/mayReport}}
        {{<hallList}}{{$head}}<th>{{t.hallFindingNumber}}</th><th>{{t.hallSource}}</th><th>{{t.hallKind}}</th><th>{{t.hallDepartment}}</th><th>{{t.hallWindow}}</th><th>{{t.state}}</th><th>{{t.hallReportedAt}}</th><th>{{t.hallRectifyBy}}</th><th>{{t.hallLeft}}</th><th>{{t.hallDescription}}</th>{{/head}}
        {{$row}}<td><a href="/findings/{{findingNumber}}">{{findingNumber}}</a>{{#overdueTag}} <span class="tag">{{overdueTag}}</span>{{/overdueTag}}</td><td>{{source}}</td><td>{{kind}}</td><td>{{departmentName}}</td><td>{{windowName}}</td><td>{{findingState}}</td><td class="num">{{reportedAt}}</td><td class="num">{{deadline}}</td><td class="num">{{clock}}</td><td>{{summary}}</td>{{/row}}
        {{/hallList}}
        {{/content}}{{/layout}}
        """#

    /// The form that reports a finding, as `govdesk finding new`.
    static let findingNew = #"""
        {{<layout}}{{$content}}
        <form method="post" action="/findings" class="card">
        <input type="hidden" name="_csrf" value="{{formToken}}">
        {{#selects}}<label>{{label}}<select name="{{name}}"{{#required}} required{{/required}}>{{#options}}<option value="{{optionValue}}"{{#chosen}} selected{{/chosen}}>{{label}}</option>{{/options}}</select></label>
        {{/selects}}
        <p class="note">{{t.hallDepartmentHint}}</p>
        <label>{{t.hallStaff}}<input name="staff" value="{{typedStaff}}" maxlength="32" placeholder="{{t.hallStaffCodeHint}}"></label>
        <label>{{t.hallDescription}}<textarea name="text" rows="5" maxlength="4000" required>{{typedText}}</textarea></label>
        <button>{{t.hallReport}}</button>
        </form>
        {{/content}}{{/layout}}
        """#

    /// A finding with its rectification deadline, the forms the finding rules allow this person, and its timeline.
    static let findingShow = #"""
        {{<layout}}{{$content}}
        {{#findingView}}
        <section class="cards">
        <div class="card"><div class="label">{{t.state}}</div><div class="value small">{{findingState}}</div></div>
        <div class="card"><div class="label">{{t.hallRectifyBy}}</div><div class="value small">{{deadline}}</div><div class="delta">{{clock}}</div></div>
        <div class="card"><div class="label">{{t.hallDepartment}}</div><div class="value small">{{departmentName}}</div></div>
        </section>
        <table class="kv">
        <tr><th>{{t.hallSource}}</th><td>{{source}}</td></tr>
        <tr><th>{{t.hallReporter}}</th><td>{{reporter}}</td></tr>
        <tr><th>{{t.hallKind}}</th><td>{{kind}}</td></tr>
        <tr><th>{{t.hallWindow}}</th><td>{{windowName}}</td></tr>
        <tr><th>{{t.hallItem}}</th><td>{{itemName}}</td></tr>
        <tr><th>{{t.hallStaff}}</th><td>{{staffName}}</td></tr>
        {{#relatedCase}}<tr><th>{{t.hallRelatedCase}}</th><td><a href="/cases/{{relatedCase}}">{{relatedCase}}</a></td></tr>{{/relatedCase}}
        <tr><th>{{t.hallReportedAt}}</th><td class="num">{{reportedAt}}</td></tr>
        <tr><th>{{t.hallDescription}}</th><td class="text">{{summary}}</td></tr>
        {{#rectifyNote}}<tr><th>{{t.hallRectifyNote}}</th><td class="text">{{rectifyNote}}</td></tr>{{/rectifyNote}}
        </table>
        {{> hallTimeline}}
        {{/findingView}}
        {{/content}}{{/layout}}
        """#
}
