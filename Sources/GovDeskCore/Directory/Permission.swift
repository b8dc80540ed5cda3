/// Writes and reads that need a role outside the state machines' own rule tables (DESIGN §11.1). This table is the
/// one place that says which roles hold each; the administrator holds every one. The store checks it inside the
/// write's transaction, so the command line and the service obey the same rules.
public enum Permission: String, CaseIterable, Sendable {
    /// `calendar add`: a year's holiday notice, and the recomputation of provisional deadlines it brings.
    case addCalendar = "add a calendar year"
    /// `db backup`: a copy of everything, personal data included.
    case backup = "back up the database"
    /// Departments, staff (their roles too), windows, service items and experience officers: add, edit,
    /// deactivate, reactivate.
    case referenceData = "change reference data"
    /// `staff password CODE` for someone else, and the service's password form for others (DESIGN §12): everyone may
    /// set their own.
    case setPassword = "set another person's password"
    /// `apikey add|list|revoke`: the clients of the Open311 interface (DESIGN §12), each with a key that creates
    /// tickets as `api:<name>`.
    case manageAPIClients = "manage API clients"
    /// Experience officers (体验员): add, edit, deactivate, reactivate.
    case officers = "manage experience officers"
    /// `letters issue`: supervision letters to departments.
    case issueLetters = "issue supervision letters"
    /// `rate`: an applicant's 好差评 of a finished window case (DESIGN §5.3), which scores the window and its staff in
    /// the evaluation and may open a rectification; also the staff of the case's window, where the applicant rates
    /// (`CaseMachine.table`), never the staff member who received or finished the case. A supervisor enters ratings that came by phone or online.
    case recordRating = "record a rating"
    /// `eval score|run|finalize`: the monthly evaluation of window staff.
    case evaluation = "run the evaluation"
    /// `import tickets`: tickets from another system's export.
    case importTickets = "import tickets"
    /// `export …` without personal data (names and phones masked): every staff role; audited.
    case exportData = "export data"
    /// `export … --include-pii`: callers' names and phones, in bulk.
    case exportPersonalData = "export personal data"
    /// `--backdate-reason`: an entry taking effect earlier than it is recorded (补录), beyond the grace or across a
    /// deadline (DESIGN §11.2).
    case backdate = "record a back-dated entry"
    /// `month close`: 月结, after which nothing may take effect in the month or before it (DESIGN §11.2).
    case closeMonth = "close a month"
    /// `config apply`: the rules the database keeps (time zone, limits, letters, evaluation, backdating; DESIGN §9).
    case setRules = "change the rules"
    /// `audit list`: who looked at personal data and who changed what.
    case readAudit = "read the audit log"
    /// One ticket's caller name and phone; also the operator who took the call and the liaisons of the ticket's lead
    /// and co departments (they call the citizen back), see `authorizeCallerData`.
    case readCallerData = "see a caller's name and phone"
    /// One window case's applicant name and phone; also the staff of the case's window.
    case readApplicantData = "see an applicant's name and phone"

    /// The roles that hold this permission besides the administrator.
    public var roles: [Role] {
        switch self {
        case .addCalendar, .referenceData, .setRules, .setPassword, .manageAPIClients: return []
        case .backup, .issueLetters, .evaluation, .readAudit, .readApplicantData, .backdate, .closeMonth,
            .recordRating:
            return [.supervisor]
        case .importTickets: return [.operator, .dispatcher, .supervisor]
        case .officers: return [.officerAdmin]
        case .exportData: return Role.allCases.filter { $0 != .admin }
        case .exportPersonalData, .readCallerData: return [.dispatcher, .supervisor]
        }
    }

    /// Whether `actor` holds this permission by role.
    public func isHeld(by actor: StaffMember) -> Bool {
        actor.roles.contains(.admin) || !actor.roles.isDisjoint(with: roles)
    }

    /// Checks that `actor` holds this permission.
    public func authorize(_ actor: StaffMember) throws(PermissionError) {
        guard isHeld(by: actor) else {
            throw PermissionError(actor: actor.code, roles: actor.sortedRoles, permission: self)
        }
    }

    /// A ticket's caller data: by role, or as the operator who took the call (`takenBy`), or as a liaison of its
    /// lead or a co department.
    public static func authorizeCallerData(
        of ticket: Ticket, takenBy: String?, by actor: StaffMember
    ) throws(PermissionError) {
        if readCallerData.isHeld(by: actor) { return }
        if actor.roles.contains(.operator), actor.code == takenBy { return }
        if actor.roles.contains(.liaison),
            actor.department == ticket.leadDepartment || ticket.coDepartments.contains(actor.department)
        {
            return
        }
        throw PermissionError(
            actor: actor.code, roles: actor.sortedRoles, permission: .readCallerData,
            also: CoreText.alsoCallerData(ticket.number).phrase)
    }

    /// A window case's applicant data: by role, or as staff of the case's window (`windowStaff`).
    public static func authorizeApplicantData(
        of c: WindowCase, windowStaff: Set<String>, by actor: StaffMember
    ) throws(PermissionError) {
        if readApplicantData.isHeld(by: actor) || windowStaff.contains(actor.code) { return }
        throw PermissionError(
            actor: actor.code, roles: actor.sortedRoles, permission: .readApplicantData,
            also: CoreText.alsoWindowStaff(c.window).phrase)
    }
}

/// A write or read refused because the actor lacks the role the permission table names.
public struct PermissionError: GovDeskError, Equatable {
    public var actor: String
    public var roles: [Role]
    public var permission: Permission
    /// Who else may, when it is not a role alone.
    public var also: Phrase?

    public init(actor: String, roles: [Role], permission: Permission, also: Phrase? = nil) {
        self.actor = actor
        self.roles = roles
        self.permission = permission
        self.also = also
    }

    public var kind: FailureKind { .refused }

}
