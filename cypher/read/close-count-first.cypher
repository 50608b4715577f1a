// Ends a count part of a first page: nothing comes before it, so no id is read to say so.
  RETURN {total: count(r), before: 0} AS part
}
