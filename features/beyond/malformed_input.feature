@beyond-page @claim:REL-BAD @needs:entities
Feature: Malformed input is refused clearly and changes nothing
  Whatever reaches an implementation can be wrong: a value of the wrong type for its column, an entity,
  column, user, record or command that does not exist, a value longer or larger than its column holds, a
  file bigger than a note takes, a profile that makes no sense, a data set file cut short or edited. Each
  is refused with one line that names what is wrong, and nothing changes: not on the device, not in its
  queue, not on the server. What was there before still stands, and the next sync carries on from it.

  Background:
    Given an organization where "ana" is a salesperson
    And the custom entity "new_visit" has a column of every type
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity    | records |
      | account   | all     |
      | new_visit | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And a new_visit record "First visit" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"

  Rule: A value of the wrong type for its column is refused, for every type of column and on every path

    Scenario Outline: A <type> column refuses <value>
      When "ana" creates a visit offline with the column <column> set to <value>
      Then the input is refused naming "<column>"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | type     | column      | value                   |
        | string   | new_text    | a number                |
        | memo     | new_notes   | a list                  |
        | integer  | new_count   | text                    |
        | integer  | new_count   | a fraction              |
        | integer  | new_count   | true                    |
        | decimal  | new_amount  | text                    |
        | decimal  | new_amount  | true                    |
        | boolean  | new_done    | a number                |
        | datetime | new_when    | text that is not a date |
        | lookup   | new_account | text                    |
        | lookup   | new_account | a lookup to a contact   |
        | lookup   | new_account | a lookup without an id  |
        | choice   | new_kind    | a number                |

    Scenario Outline: A value of the wrong type is refused when <path>
      When <path> with the column new_count set to text
      Then the input is refused naming "new_count"
      And the refusal concerns new_visit
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | path                                               |
        | "ana" creates a visit offline                      |
        | "ana" updates the visit "First visit" offline      |
        | "ana" creates a visit online                       |
        | "ana" updates the visit "First visit" online       |
        | the administrator creates a visit                  |
        | the administrator updates the visit "First visit"  |
        | the administrator imports a visit with a good one  |

  Rule: A value beyond what its column holds is refused; a value at the edge is kept whole

    Scenario Outline: <column> refuses <value> when <path>
      When <path> with the column <column> set to <value>
      Then the input is refused naming "<column>"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | path                                              | column     | value                                   |
        | "ana" creates a visit offline                     | new_text   | text one character longer than it holds |
        | "ana" creates a visit offline                     | new_notes  | text one character longer than it holds |
        | "ana" updates the visit "First visit" online      | new_text   | text one character longer than it holds |
        | the administrator imports a visit with a good one | new_notes  | text one character longer than it holds |
        | "ana" creates a visit offline                     | new_count  | the largest number it holds plus one    |
        | the administrator creates a visit                 | new_count  | the smallest number it holds minus one  |
        | "ana" updates the visit "First visit" offline     | new_amount | the largest number it holds plus one    |
        | the administrator updates the visit "First visit" | new_amount | the smallest number it holds minus one  |

    Scenario Outline: <column> keeps <value> whole, on the device and on the server
      When "ana" creates a visit offline with the column <column> set to <value>
      Then the command succeeds on the device
      And the new visit on "ana"'s device has <column> set to <value>
      When "ana" comes back online and syncs
      Then the new visit on the server has <column> set to <value>

      Examples:
        | column     | value                        |
        | new_text   | the longest text it holds    |
        | new_notes  | the longest text it holds    |
        | new_count  | the largest number it holds  |
        | new_count  | the smallest number it holds |
        | new_amount | the largest number it holds  |
        | new_amount | the smallest number it holds |

  @needs:timeline
  Rule: A file bigger than a note takes is refused; a file at the edge is kept whole

    Scenario: A file bigger than a note takes is refused naming the file
      Given "ana" has added the note "Visit report" to the account "Fabrikam"
      When "ana" attaches a file one byte bigger than a note takes to the note "Visit report"
      Then the input is refused naming "site-survey.pdf"
      And nothing changed on "ana"'s device, in its queue or on the server

    Scenario: A file whose content is not base64 is refused naming the file
      Given "ana" has added the note "Visit report" to the account "Fabrikam"
      When "ana" attaches a file whose content is not base64 to the note "Visit report"
      Then the input is refused naming "site-survey.pdf"
      And nothing changed on "ana"'s device, in its queue or on the server

    Scenario: A file as big as a note takes is kept whole
      Given "ana" has added the note "Visit report" to the account "Fabrikam"
      When "ana" attaches a file exactly as big as a note takes to the note "Visit report"
      And "ana" comes back online and syncs
      Then the server holds the file whole on the note "Visit report" of the account "Fabrikam"

  Rule: What does not exist is refused, naming it

    Scenario Outline: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples: entities and columns
        | someone           | attempt                                                     | name          |
        | "ana"             | create a record of the entity "new_nothing" offline         | new_nothing   |
        | "ana"             | create a record of the entity "new_nothing" online          | new_nothing   |
        | the administrator | create a record of the entity "new_nothing"                 | new_nothing   |
        | "ana"             | set the column "new_shoe_size" of the visit "First visit"   | new_shoe_size |
        | "ana"             | set the column "createdon" of the visit "First visit"       | createdon     |

      Examples: users, roles and commands
        | someone           | attempt                                                     | name          |
        | "zoe"             | go offline                                                  | zoe           |
        | "zoe"             | sync                                                        | zoe           |
        | the administrator | give "ana" the role "Night shift"                           | Night shift   |
        | "ana"             | run the command "teleport" on the account "Fabrikam"        | teleport      |

      Examples: records
        | someone           | attempt                                                     | name          |
        | "ana"             | rename the account "no-such-id" offline                     | no-such-id    |
        | "ana"             | rename the account "no-such-id" online                      | no-such-id    |
        | the administrator | rename the account "no-such-id"                             | no-such-id    |
        | the administrator | delete the account "no-such-id"                             | no-such-id    |

    Scenario Outline: An attempt to <attempt> is refused naming <name> and concerning <entity>
      When "ana" tries to <attempt>
      Then the input is refused naming "<name>"
      And the refusal concerns <entity>
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | attempt                                         | name       | entity    |
        | rename the account "no-such-id" offline         | no-such-id | account   |
        | delete the account "no-such-id" offline         | no-such-id | account   |
        | read the account "no-such-id" offline           | no-such-id | account   |
        | rename the account "no-such-id" online          | no-such-id | account   |
        | update the visit "First visit" naming no column | no column  | new_visit |

    Scenario: After refused input the next sync carries on from what stood before
      Given "ana" creates a visit offline with the column new_count set to text
      And "ana" tries to rename the account "no-such-id" offline
      And "ana" tries to set the column "new_shoe_size" of the visit "First visit"
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And the server holds only the new_visit "First visit"
      And "ana"'s device holds the same account records as the server
      And "ana" sees no sync errors

  @needs:subgrids
  Rule: A many-to-many link to a record that does not exist is refused, from either side

    Scenario Outline: The administrator's attempt to <attempt> is refused naming no-such-id
      When the administrator tries to <attempt>
      Then the input is refused naming "no-such-id"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | attempt                                                      |
        | link the account "Fabrikam" with the competitor "no-such-id" |
        | link the competitor "no-such-id" with the account "Fabrikam" |

  @needs:forms
  Rule: A record that does not exist is refused as such, before the form's business rules are tried on it

    Scenario Outline: Making a key account of an account that does not exist <where> is refused naming it
      Given the account form carries the key-account business rules
      When "ana" tries to make the account "no-such-id" a key account <where>
      Then the input is refused naming "no-such-id"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | where   |
        | offline |
        | online  |

  @needs:timeline
  Rule: A note or file of a record or note that does not exist is refused, naming it

    Scenario Outline: Timeline: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone | attempt                                       | name         |
        | "ana"   | add a note to the account "no-such-id" online | no-such-id   |
        | "ana"   | attach a file to the note "no-such-note"      | no-such-note |

    Scenario Outline: Timeline: an attempt to <attempt> is refused naming the entity
      When "ana" tries to <attempt>
      Then the input is refused naming "new_nothing"
      And the refusal concerns new_nothing
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | attempt                                                        |
        | add a note to a record of the entity "new_nothing" offline     |
        | add a note to a record of the entity "new_nothing" online      |
        | read the notes of a record of the entity "new_nothing" offline |

  @needs:security
  Rule: Column security on a column that does not exist or is not secured, or for a user who does not exist, is refused, naming it

    Background:
      Given the account column "revenue" is secured

    Scenario Outline: Column security: <attempt> is refused naming <name> and the entity
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And the refusal concerns account
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone           | attempt                                                                               | name          |
        | the administrator | secure the column "new_shoe_size" of accounts                                         | new_shoe_size |
        | the administrator | let "ana" read the account column "telephone1", which is not secured                  | telephone1    |
        | the administrator | share the account column "telephone1" of "Fabrikam", which is not secured, with "ana" | telephone1    |

    Scenario Outline: Column security: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone           | attempt                                                             | name |
        | the administrator | let "zoe" read the secured account column "revenue"                 | zoe  |
        | the administrator | share the secured account column "revenue" of "Fabrikam" with "zoe" | zoe  |

  @needs:organization
  Rule: A team or a team member that does not exist is refused, naming it

    Background:
      Given the team "North" in "Head office" with "ana"

    Scenario Outline: Teams: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone           | attempt                                      | name        |
        | the administrator | put "zoe" on the team "North"                | zoe         |
        | the administrator | change the members of the team "Night shift" | Night shift |

  @needs:hierarchy
  Rule: Hierarchy security reaching no level down is refused, naming the depth

    Scenario: Hierarchy security 0 levels down is refused naming the depth
      When the administrator tries to turn on hierarchy security 0 levels down
      Then the input is refused naming "0"
      And nothing changed on "ana"'s device, in its queue or on the server

  @needs:sharing
  Rule: Sharing with a user who does not exist is refused, naming them

    Scenario Outline: Sharing: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone           | attempt                                 | name |
        | the administrator | share the account "Fabrikam" with "zoe" | zoe  |

  @needs:forms
  Rule: A form naming what does not exist, or a rule setting a value its column cannot hold, is refused, naming it

    Scenario Outline: Forms: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And the refusal concerns <entity>
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone           | attempt                                                             | name                 | entity      |
        | the administrator | add a form for the entity "new_nothing"                             | new_nothing          | new_nothing |
        | the administrator | add an account form with the column "new_shoe_size"                 | new_shoe_size        | account     |
        | the administrator | add an account form whose rule tests "new_shoe_size"                | new_shoe_size        | account     |
        | the administrator | add an account form whose rule sets "new_shoe_size"                 | new_shoe_size        | account     |
        | the administrator | add an account form whose rule sets "numberofemployees" to text     | numberofemployees    | account     |
        | the administrator | add an account form whose rule defaults "numberofemployees" to text | numberofemployees    | account     |
        | the administrator | add an account form whose rule tests for the current user           | eq-userid            | account     |
        | the administrator | add an account form with a subgrid through "no_such_relationship"   | no_such_relationship | account     |
        | the administrator | add an account form with a subgrid through "competitor_products"    | competitor_products  | account     |

  Rule: A ribbon button on an entity that does not exist, or a button an entity does not have, is refused, naming it

    Scenario Outline: Ribbon buttons: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And the refusal concerns <entity>
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone           | attempt                                                      | name        | entity      |
        | the administrator | add a ribbon button to the entity "new_nothing"              | new_nothing | new_nothing |
        | "ana"             | press the ribbon button "Teleport" on the account "Fabrikam" | Teleport    | account     |

  @needs:forms
  Rule: A form or a command bar of an entity or record that does not exist is refused, naming it

    Scenario Outline: Forms and command bars: <attempt> is refused naming <name>
      When <someone> tries to <attempt>
      Then the input is refused naming "<name>"
      And the refusal concerns <entity>
      And nothing changed on "ana"'s device, in its queue or on the server

      Examples:
        | someone | attempt                                                      | name        | entity      |
        | "ana"   | open a form of the entity "new_nothing"                      | new_nothing | new_nothing |
        | "ana"   | open the form of the account "no-such-id"                    | no-such-id  | account     |
        | "ana"   | show the command bar of a record of the entity "new_nothing" | new_nothing | new_nothing |
        | "ana"   | show the command bar of the account "no-such-id"             | no-such-id  | account     |

  Rule: A malformed profile is refused naming what is wrong, and the profile in force stays

    Scenario Outline: A profile <fault> is refused naming "<name>", its error concerning <entity>
      When the administrator publishes the profile of "ana" again <fault>
      Then the input is refused naming "<name>"
      And every error of the refusal concerns <entity>
      And after "ana" comes back online and syncs her device holds the account "Fabrikam Ltd" and the visit "First visit"

      Examples:
        | fault                                       | name                 | entity      |
        | with an entity that does not exist          | new_nothing          | new_nothing |
        | with account twice                          | account              | account     |
        | with a sync interval of 0 minutes           | interval             | account     |
        | with an association through no relationship | no_such_relationship | account     |

    Scenario Outline: A profile <fault> is refused naming "<name>"
      When the administrator publishes the profile of "ana" again <fault>
      Then the input is refused naming "<name>"
      And after "ana" comes back online and syncs her device holds the account "Fabrikam Ltd" and the visit "First visit"

      Examples:
        | fault                          | name        |
        | for a user who does not exist  | zoe         |
        | for a team that does not exist | Night shift |
        | for a team that is a user      | ana         |

  Rule: A data set file cut short or edited is refused before anything of it is loaded

    Scenario Outline: A data set whose <file> is <fault> is refused naming the file
      Given a small generated data set whose <file> is <fault>
      When the data set is loaded
      Then loading is refused naming "<file>"
      And nothing of the data set reached the implementation

      Examples:
        | file                | fault     |
        | records.ndjson      | cut short |
        | records.ndjson      | edited    |
        | organization.ndjson | edited    |
        | manifest.json       | not JSON  |
