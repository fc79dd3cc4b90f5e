package acme.bad

deny contains x if {
  x := 
}
