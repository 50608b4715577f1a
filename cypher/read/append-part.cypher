// After each part's CALL: its result joins the list, in the order the parts were asked for.
WITH versionBefore, parts + [part] AS parts
