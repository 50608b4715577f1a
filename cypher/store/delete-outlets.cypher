// Remove every outlet and its grade (a reset).
MATCH (o:Outlet)
DETACH DELETE o
