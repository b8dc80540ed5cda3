import Mustache

/// The pages' Mustache templates, compiled into the binary so that `govdesk` stays one file to copy (README,
/// Shipping): a resource bundle would have to travel beside it. Every value goes through `{{ }}`, which
/// HTML-escapes it; no template uses `{{{ }}}`. `layout` is the parent of every page (`{{<layout}}`).
enum Templates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all { try library.register(text, named: name) }
        return library
    }

    static let all: [String: String] = [
        "layout": layout, "login": login, "queue": queue, "ticket": ticket, "message": message, "intake": intake,
        "track": track, "staff": staff, "search": search, "apiClients": apiClients,
        "ticketRows": ticketRows,
        "letters": letters, "letter": letter, "letterRows": letterRows, "months": months, "evaluation": evaluation,
        "cases": cases, "caseNew": caseNew, "caseShow": caseShow, "findings": findings, "findingNew": findingNew,
        "findingShow": findingShow, "hallForm": hallForm, "hallQueue": hallQueue, "hallList": hallList,
        "hallTimeline": hallTimeline, "pager": pager,
    ]

    static let layout = #"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · GovDesk</title>
        <link rel="stylesheet" href="/assets/govdesk.css">
        </head>
        <body>
        <main>
        {{#training}}<p class="training" role="note">{{t.training}}</p>{{/training}}
        <nav class="bar">
        <span class="brand">{{t.brand}}</span>
        <span class="right">
        {{#user}}<a href="/queue">{{t.queue}}</a>{{#links}} <a href="{{href}}">{{label}}</a>{{/links}} <span class="who">{{name}}（{{code}}，{{department}}）</span>
        <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link">{{t.logOut}}</button></form>{{/user}}
        <a href="{{otherLangHref}}" hreflang="{{otherLang}}">{{otherLangLabel}}</a>
        </span>
        </nav>
        <header>
        <h1>{{title}}</h1>
        {{#subtitle}}<p class="sub">{{subtitle}}</p>{{/subtitle}}
        </header>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{$content}}{{/content}}
        <footer>{{#user}}{{t.footer}}{{/user}}{{^user}}{{t.publicFooter}}{{/user}}</footer>
        </main>
        </body>
        </html>
        """#

    static let login = #"""
        {{<layout}}{{$content}}
        <form method="post" action="/login" class="card narrow">
        <input type="hidden" name="_csrf" value="{{loginToken}}">
        <input type="hidden" name="next" value="{{next}}">
        <p class="note">{{t.loginHelp}}</p>
        <label>{{t.staffCode}}<input name="code" value="{{code}}" autocomplete="username" maxlength="32" required autofocus></label>
        <label>{{t.password}}<input type="password" name="password" autocomplete="current-password" maxlength="200" required></label>
        <button>{{t.logIn}}</button>
        </form>
        {{/content}}{{/layout}}
        """#

    /// A list of tickets as a table, the number linking to the ticket page (a partial of the queue and the search).
    static let ticketRows = #"""
        {{#hasRows}}
        <div class="table-wrap"><table class="wide">
        <thead><tr>{{#headers}}<th>{{.}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#rows}}<tr class="{{rowClass}}"><td><a href="/tickets/{{number}}">{{number}}</a>{{#tag}} <span class="tag">{{tag}}</span>{{/tag}}</td>{{#cells}}<td{{#num}} class="num"{{/num}}>{{text}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody></table></div>
        {{/hasRows}}
        """#

    /// The queue: one section per role, each a table of tickets (the number links to the ticket page).
    static let queue = #"""
        {{<layout}}{{$content}}
        <form method="get" action="/tickets" class="search">
        <label>{{t.findNumber}} <input name="number" maxlength="40" placeholder="20251029-000001"></label>
        <button>{{t.find}}</button>
        </form>
        <p class="links">{{#reports}}<a href="{{href}}">{{label}}</a>{{/reports}}{{#supervision}}<a href="{{href}}">{{label}}</a>{{/supervision}}</p>
        {{#sections}}
        <h2>{{title}}（{{count}}）</h2>
        {{#link}}<p><a class="button" href="{{href}}">{{label}}</a></p>{{/link}}
        {{#note}}<p class="note">{{note}}</p>{{/note}}
        {{#board}}<p class="board">{{department}} <strong>{{count}}</strong></p>{{/board}}
        {{> ticketRows}}
        {{^hasRows}}<p class="note">{{t.none}}</p>{{/hasRows}}
        {{/sections}}
        {{> hallQueue}}
        {{^hasSections}}<p class="note">{{t.otherRoles}}</p>{{/hasSections}}
        {{/content}}{{/layout}}
        """#

    static let ticket = #"""
        {{<layout}}{{$content}}
        {{#ticket}}
        <section class="cards">
        <div class="card"><div class="label">{{t.state}}</div><div class="value state-{{stateCode}}">{{state}}</div></div>
        <div class="card"><div class="label">{{t.type}}</div><div class="value small">{{type}}</div></div>
        <div class="card"><div class="label">{{t.lead}}</div><div class="value small">{{lead}}</div></div>
        <div class="card"><div class="label">{{clockLabel}}</div><div class="value small">{{clock}}</div><div class="delta">{{remaining}}</div></div>
        </section>
        <table class="kv">
        <tr><th>{{t.topic}}</th><td>{{topic}}</td></tr>
        <tr><th>{{t.channel}}</th><td>{{channel}}</td></tr>
        {{#callerShown}}<tr><th>{{t.caller}}</th><td>{{callerName}}</td></tr><tr><th>{{t.phone}}</th><td class="num">{{callerPhone}}</td></tr>{{/callerShown}}
        <tr><th>{{t.co}}</th><td>{{co}}</td></tr>
        <tr><th>{{t.address}}</th><td>{{address}}</td></tr>
        <tr><th>{{t.description}}</th><td class="text">{{description}}</td></tr>
        </table>
        {{#mayShowCaller}}<div class="links"><form method="post" action="/tickets/{{number}}/caller" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link">{{t.showCaller}}</button></form></div>{{/mayShowCaller}}
        <h2>{{t.clocks}}</h2>
        <table class="kv">
        <tr><th>{{t.createdAt}}</th><td class="num">{{createdAt}}</td></tr>
        <tr><th>{{t.dispatchedAt}}</th><td class="num">{{dispatchedAt}}</td></tr>
        <tr><th>{{t.signDeadline}}</th><td class="num">{{signDeadline}}</td></tr>
        <tr><th>{{t.signedAt}}</th><td class="num">{{signedAt}}</td></tr>
        <tr><th>{{t.mark}}</th><td class="num">{{mark}}</td></tr>
        <tr><th>{{t.deadline}}</th><td class="num">{{deadline}}</td></tr>
        <tr><th>{{t.repliedAt}}</th><td class="num">{{repliedAt}}</td></tr>
        <tr><th>{{t.closedAt}}</th><td class="num">{{closedAt}}</td></tr>
        <tr><th>{{t.onTime}}</th><td>{{onTime}}</td></tr>
        {{#pendingExtension}}<tr><th>{{t.pendingExtension}}</th><td>{{pendingExtension}}</td></tr>{{/pendingExtension}}
        </table>
        {{#forms}}
        <form method="post" action="/tickets/{{number}}/{{action}}" class="card action{{#secondary}} secondary{{/secondary}}">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <h3>{{title}}</h3>
        {{#note}}<p class="note text">{{note}}</p>{{/note}}
        {{#fields}}
        {{#textarea}}<label>{{label}}<textarea name="{{name}}" rows="3" maxlength="{{max}}"{{#required}} required{{/required}}>{{value}}</textarea></label>{{/textarea}}
        {{#line}}<label>{{label}}<input name="{{name}}" value="{{value}}" maxlength="{{max}}"{{#required}} required{{/required}}></label>{{/line}}
        {{#numeric}}<label>{{label}}<input type="number" name="{{name}}" value="{{value}}" min="{{min}}" max="{{max}}" required></label>{{/numeric}}
        {{#select}}<label>{{label}}<select name="{{name}}" required>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></label>{{/select}}
        {{#checkboxes}}<fieldset><legend>{{label}}</legend>{{#options}}<label class="check"><input type="checkbox" name="{{name}}" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/options}}</fieldset>{{/checkboxes}}
        {{/fields}}
        <button>{{button}}</button>
        </form>
        {{/forms}}
        <h2>{{t.timeline}}</h2>
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>#</th><th>{{t.when}}</th><th>{{t.action}}</th><th>{{t.state}}</th><th>{{t.actor}}</th><th>{{t.detail}}</th></tr></thead>
        <tbody>
        {{#events}}<tr><td class="num">{{sequence}}</td><td class="num">{{at}}{{#recordedAt}}<div class="note">{{recordedAt}}</div>{{/recordedAt}}</td><td>{{action}}</td><td>{{states}}</td><td>{{actor}}</td><td class="text">{{details}}</td></tr>
        {{/events}}
        </tbody></table></div>
        {{/ticket}}
        {{/content}}{{/layout}}
        """#

    /// The operator's intake form: the topic tree grouped by 大类, each leaf with its usual lead department.
    static let intake = #"""
        {{<layout}}{{$content}}
        <form method="post" action="/intake" class="card">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{t.type}}<select name="type" required>{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/types}}</select></label>
        <label>{{t.channel}}<select name="channel" required>{{#channels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/channels}}</select></label>
        <label>{{t.topic}}<select name="topic" required><option value="">{{t.choose}}</option>{{#topicGroups}}<optgroup label="{{group}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</optgroup>{{/topicGroups}}</select></label>
        <label class="check"><input type="checkbox" name="urgent"{{#urgent}} checked{{/urgent}}> {{t.urgent}}</label>
        <label>{{t.caller}}<input name="caller" value="{{caller}}" maxlength="100" autocomplete="off"></label>
        <label>{{t.phone}}<input name="phone" value="{{phone}}" maxlength="20" inputmode="tel" autocomplete="off"></label>
        <label>{{t.street}}<input name="street" value="{{street}}" maxlength="100"></label>
        <label>{{t.address}}<input name="address" value="{{address}}" maxlength="200"></label>
        <label>{{t.description}}<textarea name="text" rows="5" maxlength="4000" required>{{text}}</textarea></label>
        <button>{{t.logCall}}</button>
        </form>
        {{/content}}{{/layout}}
        """#

    /// The citizens' lookup: a form, and what may be shown of the ticket.
    static let track = #"""
        {{<layout}}{{$content}}
        <form method="post" action="/track" class="card narrow">
        <p class="note">{{t.trackHelp}}</p>
        <label>{{t.number}}<input name="number" value="{{number}}" maxlength="40" required placeholder="20251029-000001"></label>
        <label>{{t.phoneEnding}}<input name="phone" maxlength="4" minlength="4" pattern="[0-9]{4}" inputmode="numeric" autocomplete="off" required></label>
        <button>{{t.track}}</button>
        </form>
        <form method="post" action="/track" class="card narrow">
        <p class="note">{{t.trackCodeHelp}}</p>
        <label>{{t.trackingCode}}<input name="code" maxlength="6" minlength="6" autocomplete="off" required placeholder="K7M2QX"></label>
        <button>{{t.track}}</button>
        </form>
        {{#found}}
        <h2>{{t.number}} {{number}}</h2>
        <section class="cards">
        <div class="card"><div class="label">{{t.state}}</div><div class="value state-{{stateCode}}">{{state}}</div></div>
        <div class="card"><div class="label">{{t.lead}}</div><div class="value small">{{department}}</div></div>
        <div class="card"><div class="label">{{t.deadline}}</div><div class="value small">{{deadline}}</div></div>
        </section>
        <table class="kv">
        <tr><th>{{t.type}}</th><td>{{type}}</td></tr>
        <tr><th>{{t.topic}}</th><td>{{topic}}</td></tr>
        <tr><th>{{t.createdAt}}</th><td class="num">{{createdAt}}</td></tr>
        <tr><th>{{t.signDeadline}}</th><td class="num">{{signDeadline}}</td></tr>
        <tr><th>{{t.deadline}}</th><td class="num">{{deadline}}</td></tr>
        <tr><th>{{t.closedAt}}</th><td class="num">{{closedAt}}</td></tr>
        {{#answer}}<tr><th>{{t.answer}}</th><td class="text">{{answer}}</td></tr>{{/answer}}
        {{#mergedInto}}<tr><th>{{t.mergedInto}}</th><td>{{mergedInto}}</td></tr>{{/mergedInto}}
        </table>
        {{/found}}
        {{/content}}{{/layout}}
        """#

    /// The administrator's staff list, with a password form on each active person's row.
    static let staff = #"""
        {{<layout}}{{$content}}
        {{#hasLocks}}<section class="card"><h2>{{t.lockedOut}}</h2><p class="note">{{t.lockedHelp}}</p>
        <table><thead><tr><th>{{t.staffCode}}</th><th>{{t.name}}</th><th>{{t.lockedUntil}}</th><th></th></tr></thead><tbody>
        {{/hasLocks}}{{#locked}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{until}}</td><td><form method="post" action="/admin/staff/{{code}}/unlock" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><button>{{t.unlock}}</button></form></td></tr>
        {{/locked}}{{#hasLocks}}</tbody></table></section>{{/hasLocks}}
        <p class="note">{{t.staffHelp}}</p>
        <div class="table-wrap"><table class="wide">
        <thead><tr><th>{{t.staffCode}}</th><th>{{t.name}}</th><th>{{t.department}}</th><th>{{t.roles}}</th><th>{{t.status}}</th><th>{{t.password}}</th><th>{{t.setPassword}}</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{department}}</td><td>{{roles}}</td><td>{{active}}</td><td>{{canLogIn}}</td><td>{{#settable}}<form method="post" action="/admin/staff/{{code}}/password" class="row">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="password" name="password" autocomplete="new-password" minlength="10" maxlength="200" required aria-label="{{t.newPassword}}" placeholder="{{t.newPassword}}">
        <input type="password" name="again" autocomplete="new-password" minlength="10" maxlength="200" required aria-label="{{t.again}}" placeholder="{{t.again}}">
        <button>{{t.setPassword}}</button></form>{{/settable}}</td></tr>
        {{/rows}}
        </tbody></table></div>
        {{/content}}{{/layout}}
        """#

    /// The Open311 clients: add one (its key shown once, here), revoke one.
    static let apiClients = #"""
        {{<layout}}{{$content}}
        {{#added}}<section class="card key" role="status"><h2>{{t.keyOnce}}</h2>
        <p>{{clientName}}</p><p><code class="key">{{key}}</code></p><p class="note">{{t.keyOnceHelp}}</p></section>{{/added}}
        <p class="note">{{t.apiClientsHelp}}</p>
        {{#hasRows}}<div class="table-wrap"><table class="wide">
        <thead><tr><th>{{t.clientName}}</th><th>{{t.channel}}</th><th>{{t.addedAt}}</th><th>{{t.addedBy}}</th><th>{{t.status}}</th><th></th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>{{clientName}}</td><td>{{channelLabel}}</td><td>{{addedAt}}</td><td>{{addedBy}}</td><td>{{stateLabel}}</td><td>{{#revocable}}<form method="post" action="/admin/api-clients/revoke" class="inline"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{formName}}"><button class="secondary">{{t.revoke}}</button></form>{{/revocable}}</td></tr>
        {{/rows}}
        </tbody></table></div>{{/hasRows}}
        <form method="post" action="/admin/api-clients" class="card">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{t.clientName}}<input name="name" value="{{typedName}}" maxlength="28" required></label>
        <label>{{t.channel}}<select name="channel"><option value="app">{{t.channelApp}}</option><option value="web">{{t.channelWeb}}</option></select></label>
        <button>{{t.addClient}}</button>
        </form>
        {{/content}}{{/layout}}
        """#

    /// Search by topic, department, state and type; by phone for those who may see callers' data.
    static let search = #"""
        {{<layout}}{{$content}}
        <form method="get" action="/search" class="card">
        <label>{{t.topic}}<input name="topic" value="{{topic}}" list="topic-nodes" maxlength="200" placeholder="城市管理/市容环境"></label>
        <datalist id="topic-nodes">{{#topics}}<option value="{{.}}">{{/topics}}</datalist>
        <label>{{t.department}}<select name="department"><option value="">{{t.any}}</option>{{#departments}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/departments}}</select></label>
        <label>{{t.state}}<select name="state"><option value="">{{t.any}}</option>{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
        <label>{{t.type}}<select name="type"><option value="">{{t.any}}</option>{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/types}}</select></label>
        <button>{{t.find}}</button>
        </form>
        {{#mayPhone}}
        <form method="post" action="/search/phone" class="card">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label>{{t.searchPhone}}<input name="phone" maxlength="20" inputmode="tel" autocomplete="off" required></label>
        <button>{{t.find}}</button>
        </form>
        {{/mayPhone}}
        {{#found}}
        <h2>{{title}}（{{count}}）</h2>
        {{> ticketRows}}
        {{^hasRows}}<p class="note">{{none}}</p>{{/hasRows}}
        {{/found}}
        {{/content}}{{/layout}}
        """#

    /// A page that only says something (a refused form, a missing ticket).
    static let message = #"""
        {{<layout}}{{$content}}
        <p><a href="/queue">{{t.queue}}</a></p>
        {{/content}}{{/layout}}
        """#

    /// The house style of the monthly report's HTML (`MonthlyReport+HTML.swift`), with what forms need.
    static let stylesheet = """
        :root { --red: #c8102e; --black: #2b2b2b; --blue: #3a6ea5; --teal: #2a9d8f; --orange: #e76f51; --grey: #8a94a6; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f4f5f7; color: #1f2430;
          font-family: "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
          "Helvetica Neue", Arial, sans-serif; font-size: 14px; line-height: 1.5; }
        main { max-width: 1140px; margin: 0 auto; padding: 16px 28px 40px; }
        nav.bar { display: flex; justify-content: space-between; align-items: center; gap: 12px; margin-bottom: 12px;
          color: #5a6272; font-size: 13px; }
        nav.bar .brand { font-weight: 600; color: var(--red); }
        nav.bar .right { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
        nav.bar { flex-wrap: wrap; }
        @media (max-width: 600px) { main { padding: 10px 12px 30px; } .letter { padding: 12px; } }
        header { border-bottom: 3px solid var(--red); margin-bottom: 18px; }
        h1 { font-size: 24px; margin: 0 0 6px; color: var(--red); letter-spacing: 1px; }
        h2 { font-size: 17px; margin: 26px 0 8px; padding-left: 8px; border-left: 4px solid var(--red); }
        .sub { margin: 0 0 8px; color: #5a6272; }
        a { color: var(--blue); }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 10px; margin: 8px 0 18px; }
        .card { background: #fff; border-radius: 6px; padding: 10px 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
        .card .label { color: #5a6272; font-size: 12px; }
        .card .value { font-size: 22px; font-weight: 600; margin: 2px 0; }
        .card .value.small { font-size: 16px; }
        .card .delta { font-size: 12px; color: #5a6272; }
        table { min-width: 60%; border-collapse: collapse; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
        table.wide { width: 100%; }
        th, td { padding: 5px 8px; border-bottom: 1px solid #e6e8ec; text-align: left; vertical-align: top; }
        th { background: #eef0f4; font-weight: 600; font-size: 13px; word-break: keep-all; }
        td { overflow-wrap: break-word; }
        td.text, p.text { white-space: pre-wrap; }
        td.num, th.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.red td { background: #fdecee; }
        tr.red td:first-child { box-shadow: inset 4px 0 0 var(--red); }
        tr.warn td:first-child { box-shadow: inset 4px 0 0 var(--orange); }
        .tag { font-size: 12px; color: var(--orange); }
        .note { color: #5a6272; margin: 6px 0 0; }
        .table-wrap { overflow-x: auto; }
        .pager { display: flex; gap: 16px; align-items: center; }
        .error { background: #fdecee; border-left: 4px solid var(--red); padding: 8px 12px; }
        .notice { background: #e8f4f2; border-left: 4px solid var(--teal); padding: 8px 12px; }
        form.card { display: grid; gap: 10px; max-width: 640px; }
        form.action { margin: 12px 0; }
        form.action h3 { margin: 0; font-size: 15px; }
        form.secondary button { background: #5a6272; }
        fieldset { border: 1px solid #e6e8ec; border-radius: 4px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
        legend { font-weight: 600; font-size: 13px; }
        label.check { display: inline-flex; gap: 4px; align-items: center; font-weight: normal; }
        a.button { display: inline-block; padding: 6px 16px; border-radius: 4px; background: var(--red); color: #fff;
          text-decoration: none; }
        p.board { display: inline-block; margin: 0 14px 6px 0; }
        p.board strong { color: var(--red); }
        p.links a { margin-right: 14px; }
        div.links { margin: 8px 0; }
        form.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
        form.row input { width: 9em; }
        form.narrow { max-width: 360px; }
        form.inline { display: inline; }
        form.search { margin-bottom: 8px; }
        label { display: grid; gap: 4px; font-weight: 600; font-size: 13px; }
        form.search label { display: inline; }
        input, select, textarea { font: inherit; font-weight: normal; padding: 6px 8px; border: 1px solid #c9ced8;
          border-radius: 4px; }
        p.training { background: #fde68a; color: #78350f; padding: 8px 12px; margin: 0 0 12px; font-weight: bold; }
        table.kv { width: 100%; }
        table.kv th { width: 11em; }
        button { font: inherit; padding: 6px 16px; border: 0; border-radius: 4px; background: var(--red); color: #fff;
          cursor: pointer; justify-self: start; }
        button.link { background: none; color: var(--blue); padding: 0; text-decoration: underline; }
        footer { margin-top: 28px; color: #5a6272; font-size: 12px; }
        .letter { max-width: 900px; padding: 18px 28px; line-height: 1.8; }
        .letter h2.letter-title { text-align: center; border: 0; padding: 0; color: var(--red); font-size: 22px; }
        .letter blockquote { margin: 0 0 10px; padding: 6px 12px; background: #fdf6e3; border-left: 4px solid var(--orange); }
        .letter table { margin: 8px 0; min-width: 600px; }
        .letter-source pre { white-space: pre-wrap; background: #fff; padding: 10px; }
        @media print {
            nav.bar, form, .letter-source, .letter-meta { display: none; }
            body { background: #fff; }
            .letter { box-shadow: none; }
        }

        """
}
