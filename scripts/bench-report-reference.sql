-- The reference for bench case 3 and 5: the headline counts of the monthly report (DESIGN §6.1) by lead
-- department, as the sqlite3 CLI computes them on a GovDesk database. `scripts/bench` sets the parameters:
--   sqlite3 DB ".parameter set :start EPOCH" ".parameter set :end EPOCH" ".read scripts/bench-report-reference.sql"
-- where [:start, :end) is the local month in epoch seconds. Every figure is "as of :end", from the events:
--   received: tickets created in the month;
--   closed:   closings (approve, resolve, import-close) in the month that are the ticket's last closing before :end
--             with no reopen after them before :end; onTime among them: resolved at intake or answered on time;
--   backlog:  tickets created before :end whose state after their last event before :end is not closed or merged
--             (the candidates: open now, or closed or merged at or after :end; closings are read only up to :end
--             plus the longest life of a closed ticket; `govdesk report monthly` bounds them tighter, by the
--             1,000th longest life, and finds the few longer-lived tickets by their lifetime).
-- It uses the same indexes as `govdesk report monthly`, so the ratio compares the work, not the schema.
WITH closing AS (
    SELECT e.ticketId, (e.action = 'resolve' OR json_extract(e.details, '$.onTime') = 'true') AS onTime
    FROM ticketEvent e
    WHERE e.action IN ('approve', 'resolve', 'import-close', 'merge') AND e.action <> 'merge'
      AND e.at >= :start AND e.at < :end
      AND NOT EXISTS (
        SELECT 1 FROM ticketEvent later
        WHERE later.ticketId = e.ticketId AND later.sequence > e.sequence AND later.at < :end
          AND later.action IN ('reopen', 'approve', 'resolve', 'import-close'))
),
candidate(id) AS (
    SELECT id FROM ticket INDEXED BY ticket_state
        WHERE state IN ('received', 'dispatched', 'handling', 'replied') AND createdAt < :end
    UNION
    SELECT ticketId FROM ticketEvent
        WHERE action IN ('approve', 'resolve', 'import-close', 'merge') AND at >= :end
          AND at <= :end + (SELECT coalesce(max(closedAt - createdAt), 0) FROM ticket)
    UNION
    SELECT ticketId FROM ticketEvent WHERE action = 'merge' AND at >= :end
),
backlog AS (
    SELECT t.id FROM candidate c JOIN ticket t ON t.id = c.id
    WHERE t.createdAt < :end
      AND (SELECT e.toState FROM ticketEvent e WHERE e.ticketId = t.id AND e.at < :end
           ORDER BY e.sequence DESC LIMIT 1) NOT IN ('closed', 'merged')
),
counts(department, received, closed, onTime, backlog) AS (
    SELECT leadDepartment, 1, 0, 0, 0 FROM ticket WHERE createdAt >= :start AND createdAt < :end
    UNION ALL
    SELECT t.leadDepartment, 0, 1, c.onTime, 0 FROM closing c JOIN ticket t ON t.id = c.ticketId
    UNION ALL
    SELECT t.leadDepartment, 0, 0, 0, 1 FROM backlog b JOIN ticket t ON t.id = b.id
)
SELECT coalesce(department, '-') AS department, sum(received) AS received, sum(closed) AS closed,
       sum(onTime) AS onTime, sum(backlog) AS backlog
FROM counts
GROUP BY department
ORDER BY department;
