@needs:security
@claim:SEC-4
Feature: The device holds only what the user may read
  What reaches a device is decided by the security model, as on the server: who owns a record (a
  user or a team), how deep the user's read privilege reaches in the business-unit tree (her unit,
  then every unit below it, however deep), records shared with the user or with one of her teams,
  and, with hierarchy security, the records of the people below a manager down to the configured
  depth. Records of entities owned by the organization or a business unit need a read privilege on
  the entity. A record the user may not read never reaches her device, whatever the profile asks
  for, not even when an association brings it, and no view shows it through a linked column.

  Background:
    Given the business units:
      | business unit | parent      |
      | Head office   |             |
      | North         | Head office |
      | North-East    | North       |
      | Coast         | North-East  |
      | South         | Head office |
    And the users:
      | user | business unit | manager |
      | hal  | Head office   |         |
      | ana  | North         | hal     |
      | bob  | North         | ana     |
      | nora | North-East    | bob     |
      | cy   | Coast         | nora    |
      | sam  | South         |         |
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And the accounts on the server:
      | account  | owner |
      | Hal Ltd  | hal   |
      | Ana Ltd  | ana   |
      | Bob Ltd  | bob   |
      | Nora Ltd | nora  |
      | Cy Ltd   | cy    |
      | Sam Ltd  | sam   |

  Rule: The depth of the read privilege decides whose records come down

    Scenario Outline: Reading accounts at <depth> level
      Given "ana" may read account records at <depth> level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts <held>

      Examples:
        | depth                      | held                                                              |
        | user                       | "Ana Ltd"                                                         |
        | business unit              | "Ana Ltd" and "Bob Ltd"                                           |
        | parent-child business unit | "Ana Ltd", "Bob Ltd", "Nora Ltd" and "Cy Ltd"                     |
        | organization               | "Hal Ltd", "Ana Ltd", "Bob Ltd", "Nora Ltd", "Cy Ltd", "Sam Ltd" |

    Scenario Outline: A profile taking <records> records brings at <depth> level only those she may read
      Given the offline profile for "ana":
        | entity  | records   |
        | account | <records> |
      And "ana" may read account records at <depth> level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts <held>

      Examples:
        | records          | depth         | held                    |
        | my business unit | user          | "Ana Ltd"               |
        | my business unit | business unit | "Ana Ltd" and "Bob Ltd" |
        | mine             | user          | "Ana Ltd"               |

    Scenario: A business unit with nobody in it changes nothing of what parent-child depth brings
      Given the business units:
        | business unit | parent |
        | Harbour       | Coast  |
      And "ana" may read account records at parent-child business unit level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd", "Bob Ltd", "Nora Ltd" and "Cy Ltd"

    Scenario: Without the read privilege no record comes down, even with a profile taking them all
      Given "ana" may create and write account records at organization level
      When "ana" syncs
      Then "ana"'s device holds no accounts

  Rule: A user's roles add up: each of her privileges reaches as deep as the widest of her roles grants it

    Scenario: Two roles, each the wider one for another entity, give her the wider depth of each
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
        | contact | all     |
      And contacts "Ana's contact" owned by "ana"
      And contacts "Bob's contact" owned by "bob"
      And contacts "Sam's contact" owned by "sam"
      And "ana" has the role "Account desk", reading account records at business unit level and contact records at user level
      And "ana" has the role "Contact desk", reading contact records at business unit level and account records at user level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Bob Ltd"
      And after syncing "ana"'s device holds exactly the contact records "Ana's contact", "Bob's contact"

  @needs:organization
  Rule: A record owned by a team reaches the team's members, and the users whose depth reaches the team's unit

    Scenario: Team-owned records come down to members only
      Given the team "North sales" in "North" with "ana" and "bob"
      And the team "South sales" in "South" with "sam"
      And the accounts on the server:
        | account         | owner       |
        | North team deal | North sales |
        | South team deal | South sales |
      And "ana" may read account records at user level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "North team deal"

    Scenario Outline: Records of teams she is not on, read at <depth> level
      Given the team "North sales" in "North" with "bob"
      And the team "Coast sales" in "Coast" with "cy"
      And the team "South sales" in "South" with "sam"
      And the accounts on the server:
        | account         | owner       |
        | North team deal | North sales |
        | Coast team deal | Coast sales |
        | South team deal | South sales |
      And "ana" may read account records at <depth> level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts <held>

      Examples:
        | depth                      | held                                                                                    |
        | user                       | "Ana Ltd"                                                                               |
        | business unit              | "Ana Ltd", "Bob Ltd" and "North team deal"                                              |
        | parent-child business unit | "Ana Ltd", "Bob Ltd", "Nora Ltd", "Cy Ltd", "North team deal" and "Coast team deal"      |

  Rule: Records of organization- and business-unit-owned entities need a read privilege on the entity

    Scenario Outline: <entity> records, owned by <ownership>, come down only once the user may read them
      Given the offline profile for "ana":
        | entity   | records |
        | account  | all     |
        | <entity> | all     |
      And a <entity> record "one" on the server owned by "hal"
      And "ana" may read account records at user level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
      And "ana"'s device holds 0 <entity> records
      When the administrator lets "ana" read <entity> records at user level
      And "ana" syncs
      Then "ana"'s device holds 1 <entity> records

      Examples:
        | entity     | ownership        |
        | product    | the organization |
        | competitor | the organization |
        | position   | a business unit  |
        | team       | a business unit  |

  @needs:subgrids
  Rule: A record an association brings comes down only if the user may read it

    Background:
      Given a profile "field sales" for "ana"
      And in the profile account downloads all records
      And "ana" may read account records at user level

    Scenario: A related contact owned by someone she may not read stays on the server
      Given in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And the administrator has published the profile
      And "ana" may read contact records at user level
      And a contact "Reyes" whose parentcustomerid is the account "Ana Ltd", owned by "ana"
      And a contact "Okafor" whose parentcustomerid is the account "Ana Ltd", owned by "sam"
      Then after syncing "ana"'s device holds exactly the contact records "Reyes"

    Scenario: A linked competitor comes down only once she may read competitors
      Given in the profile competitor downloads only related data
      And in the profile account brings its related records through "account_competitors"
      And the administrator has published the profile
      And a competitor "Northwind" on the server
      And the account "Ana Ltd" is linked with the competitor "Northwind" through account_competitors
      Then after syncing "ana"'s device holds exactly the competitor records nobody
      When the administrator lets "ana" read competitor records at user level
      Then after syncing "ana"'s device holds exactly the competitor records "Northwind"

  @needs:timeline
  Rule: A note on a record she holds comes down only if she may read the note

    Scenario: With notes read at user level her own notes come down, a colleague's do not, and one she adds stays
      Given "ana" may read account records at organization level
      And "ana" may read and create annotation records at user level
      And "bob" may read account records at organization level
      And "bob" may read and create annotation records at user level
      And "bob" has added the note "Bob's visit report" to the account "Ana Ltd"
      And "ana" has added the note "Ana's visit report" to the account "Ana Ltd"
      And "ana" has synced her device and gone offline
      Then "ana"'s device holds the note "Ana's visit report"
      And "ana"'s device does not hold the note "Bob's visit report"
      When "ana" adds the note "Gate code 4711" to the account "Ana Ltd"
      And "ana" comes back online and syncs
      Then "ana"'s device holds the note "Gate code 4711"
      And "ana"'s device holds the note "Ana's visit report"
      And "ana"'s device does not hold the note "Bob's visit report"

  @needs:views
  Rule: A view's linked column shows a related record only to a user who may read it

    Scenario: An account view shows the primary contact she may read, and nothing of one she may not
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
        | contact | all     |
      And "ana" may read account records at business unit level
      And "ana" may read contact records at user level
      And contacts "Reyes" owned by "ana"
      And contacts "Okafor" owned by "sam"
      And the primarycontactid of the account "Bob Ltd" on the server is the contact "Reyes"
      And the primarycontactid of the account "Ana Ltd" on the server is the contact "Okafor"
      And the account entity has a system view "Accounts and contacts" that shows the lastname of the contact in primarycontactid
      Then in the view "Accounts and contacts" of account, "Bob Ltd" shows "Reyes" to "ana"
      And in the view "Accounts and contacts" of account, "Ana Ltd" does not show "Okafor" to "ana"
      When "ana" syncs
      And "ana" goes offline
      Then in the view "Accounts and contacts" of account, "Bob Ltd" shows "Reyes" to "ana"
      And in the view "Accounts and contacts" of account, "Ana Ltd" does not show "Okafor" to "ana"

  @needs:organization @needs:sharing
  Rule: Sharing opens a record to a user, or to the members of a team

    Scenario: A record shared with the user comes down
      Given "ana" may read account records at user level
      And the account "Sam Ltd" is shared with "ana" for reading
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"

    Scenario: A record shared with one of the user's teams comes down
      Given "ana" may read account records at user level
      And the team "North sales" in "North" with "ana" and "bob"
      And the account "Sam Ltd" is shared with "North sales" for reading
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd" and "Sam Ltd"

    Scenario Outline: A <activity> shared with her comes down as a <activity> and in her list of all activities
      Given the offline profile for "ana":
        | entity          | records |
        | <activity>      | all     |
        | activitypointer | all     |
      And "ana" may read <activity> records at user level
      And "ana" may read activitypointer records at user level
      And a <activity> record "Sam's call" on the server owned by "sam"
      And a <activity> record "Bob's call" on the server owned by "bob"
      And the <activity> "Sam's call" is shared with "ana" for reading
      When "ana" syncs
      Then "ana"'s device holds exactly the <activity> records "Sam's call"
      And "ana"'s device holds exactly the activitypointer records "Sam's call"

      Examples:
        | activity    |
        | task        |
        | email       |
        | appointment |

    Scenario: A record shared with someone else does not come down
      Given "ana" may read account records at user level
      And the account "Sam Ltd" is shared with "bob" for reading
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

  @needs:hierarchy
  Rule: With hierarchy security a manager reads the records of the people below, to the configured depth

    Scenario Outline: Hierarchy security <depth> levels deep
      Given "ana" may read account records at user level
      And hierarchy security reaches <depth> levels down
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts <held>

      Examples:
        | depth | held                                          |
        | 1     | "Ana Ltd" and "Bob Ltd"                       |
        | 2     | "Ana Ltd", "Bob Ltd" and "Nora Ltd"           |
        | 3     | "Ana Ltd", "Bob Ltd", "Nora Ltd" and "Cy Ltd" |

    Scenario: Hierarchy security does not reach upwards
      Given "ana" may read account records at user level
      And hierarchy security reaches 5 levels down
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd", "Bob Ltd", "Nora Ltd" and "Cy Ltd"

    Scenario: Without hierarchy security a manager reads only what her roles allow
      Given "ana" may read account records at user level
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"

    Scenario: With hierarchy security turned off again a manager reads only what her roles allow
      Given "ana" may read account records at user level
      And hierarchy security reaches 3 levels down
      And the administrator turns hierarchy security off
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Ana Ltd"
