// Set outlets' reliability grades, held once per outlet: every source whose `outlet` it is reads it here.
// @param grades list of {outlet, reliability}: reliability A–F, or null to take the grade away (ungraded)
UNWIND $grades AS grade
MERGE (o:Outlet {id: grade.outlet})
SET o.reliability = grade.reliability
