// Read an iCalendar text on stdin and print, per UID, what ical.js (the parser of Thunderbird
// and many web calendars) makes of its start and end: the instant in UTC, or the date.
import ICAL from "ical.js";

let text = "";
for await (const chunk of process.stdin) text += chunk;
const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const out = {};
for (const component of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(component);
  const show = (time) =>
    time === null ? null : time.isDate ? time.toString() : time.toJSDate().toISOString();
  out[event.uid] = { start: show(event.startDate), end: event.endDate ? show(event.endDate) : null };
}
process.stdout.write(JSON.stringify(out));
