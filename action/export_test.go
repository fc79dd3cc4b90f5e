package action

// TeamConfig is the team's greenlight.hcl that the tests of both packages
// judge by: the internal ones on the fakes, the external ones through git
// and the HTTP fake.
const TeamConfig = teamConfig
