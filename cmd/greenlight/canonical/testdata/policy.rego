# METADATA
# title: Posts
package acme.posts
import rego.v1
# METADATA
# title: No shouting
# custom:
#   id: acme.shouting
deny contains v if {
    count(input.post.text)>280
  v:={"msg": "too long","meta":rego.metadata.rule()}
}
helper(x)=y if { y:=x+1 }
