@needs:profiles
Feature: Profile filter rules decide which records of an entity go offline
  Each entity of an offline profile downloads records by its rules: all records, only the records
  related to what is already downloaded, the user's own, their teams' or their business unit's
  records, or up to three custom conditions. Some rules exclude the others; the administrator hears
  about it when publishing.

  Background:
    Given an organization where "ana" is a salesperson
    And "bob" is another salesperson in the same business unit
    And "ana" may do everything to every entity
    And "bob" may do everything to every entity
    And a profile "Field sales" for "ana"

  @claim:FLT-R0
  Rule: an entity with no rule downloads nothing, and publishing warns about it

    Example: an entity without a rule gets a warning and stays empty on the device
      Given in the profile account downloads all records
      And in the profile contact has no rule
      And accounts "Fabrikam" owned by "bob"
      And contacts "Reyes" owned by "ana"
      When the administrator publishes the profile
      Then the profile is published with a warning naming contact
      And after syncing "ana"'s device holds exactly the contact records nobody
      And after syncing "ana"'s device holds exactly the account records "Fabrikam"

    Example: an entity without a rule gets nothing through an association either
      Given in the profile account downloads my records
      And in the profile contact has no rule
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "ana"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "ana"
      When the administrator publishes the profile
      Then the profile is published with a warning naming contact
      And after syncing "ana"'s device holds exactly the contact records nobody
      And after syncing "ana"'s device holds exactly the account records "Litware"

    Scenario Outline: an entity that <rule> gets no such warning
      Given in the profile account downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile contact <rule>
      When the administrator publishes the profile
      Then the profile is published without a warning naming contact

      Examples:
        | rule                                          |
        | downloads all records                         |
        | downloads my records                          |
        | downloads my team's records                   |
        | downloads my business unit's records          |
        | downloads records where lastname eq "Reyes"   |
        | downloads only related data                   |

  @claim:FLT-R1
  Rule: "all records" stands alone

    Example: all records downloads every readable record, whoever owns it
      Given in the profile account downloads all records
      And accounts "Fabrikam", "Contoso" owned by "bob"
      And accounts "Litware" owned by "ana"
      When the administrator publishes the profile
      Then the profile is published
      And after syncing "ana"'s device holds exactly the account records "Fabrikam", "Contoso", "Litware"

    Scenario Outline: all records together with a rule that <other rule> is refused
      Given in the profile account downloads all records
      And in the profile account <other rule>
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

      Examples:
        | other rule                                                    |
        | downloads my records                                          |
        | downloads my team's records                                   |
        | downloads my business unit's records                          |
        | downloads through the other data filter with no option chosen |
        | downloads records where name begins-with "F"                  |
        | downloads only related data                                   |

  @needs:subgrids
  @claim:FLT-R2
  Rule: "only related data" stands alone and needs an association that brings the entity

    Example: related data arrives only through the association, to a fixed point
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile opportunity downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile contact brings its related records through "opportunity_parent_contact"
      And accounts "Litware" owned by "ana"
      And accounts "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      And a contact "Okafor" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And an opportunity "Pump upgrade" whose parentcontactid is the contact "Reyes", owned by "bob"
      And an opportunity "Boiler swap" whose parentcontactid is the contact "Okafor", owned by "bob"
      When the administrator publishes the profile
      Then the profile is published
      And after syncing "ana"'s device holds exactly the contact records "Reyes"
      And after syncing "ana"'s device holds exactly the opportunity records "Pump upgrade"

    Example: an association adds related records to an entity that has rules of its own
      Given in the profile account downloads my records
      And in the profile contact downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "ana"
      And contacts "Mine" owned by "ana"
      And contacts "Stranger" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records "Mine", "Reyes"

    Scenario Outline: only related data arrives through a many-to-many from either side: <source> brings <target>
      Given in the profile <source> downloads records where name eq "<chosen>"
      And in the profile <target> downloads only related data
      And in the profile <source> brings its related records through "account_competitors"
      And accounts "Litware", "Fabrikam" owned by "ana"
      And a competitor "Northwind" on the server
      And a competitor "Adatum" on the server
      And the account "Litware" is linked with the competitor "Northwind" through account_competitors
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the <target> records "<related>"

      Examples:
        | source     | chosen    | target     | related   |
        | account    | Litware   | competitor | Northwind |
        | competitor | Northwind | account    | Litware   |

    Example: a record linked between two syncs arrives with the next sync
      Given in the profile account downloads my records
      And in the profile competitor downloads only related data
      And in the profile account brings its related records through "account_competitors"
      And accounts "Litware" owned by "ana"
      And a competitor "Northwind" on the server
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator links the account "Litware" with the competitor "Northwind" through account_competitors
      Then after syncing "ana"'s device holds exactly the competitor records "Northwind"

    Example: a record related through two records stays while one of them is still held
      Given in the profile account downloads my records
      And in the profile competitor downloads only related data
      And in the profile account brings its related records through "account_competitors"
      And accounts "Litware", "Fabrikam" owned by "ana"
      And a competitor "Northwind" on the server
      And the account "Litware" is linked with the competitor "Northwind" through account_competitors
      And the account "Fabrikam" is linked with the competitor "Northwind" through account_competitors
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator deletes the account "Litware"
      Then after syncing "ana"'s device holds exactly the competitor records "Northwind"
      And "ana"'s device holds exactly the accounts "Fabrikam"

    Scenario Outline: only related data together with a rule that <other rule> is refused
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile contact <other rule>
      And in the profile account brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming contact
      And each error of the refusal states the limit it enforces

      Examples:
        | other rule                                                    |
        | downloads all records                                         |
        | downloads my records                                          |
        | downloads my team's records                                   |
        | downloads my business unit's records                          |
        | downloads through the other data filter with no option chosen |
        | downloads records where lastname eq "Reyes"                   |

    Example: related data only without an association bringing the entity is refused
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      When the administrator publishes the profile
      Then publishing is refused naming contact
      And each error of the refusal states the limit it enforces

    Example: related data only is refused when the entity only brings others and nothing brings it
      Given in the profile contact downloads only related data
      And in the profile opportunity downloads my records
      And in the profile contact brings its related records through "opportunity_parent_contact"
      When the administrator publishes the profile
      Then publishing is refused naming contact
      And each error of the refusal states the limit it enforces

  @needs:organization
  @claim:FLT-R3
  Rule: the other data filter needs my, my team's or my business unit's records

    Example: the other data filter with nothing chosen is refused
      Given in the profile account downloads through the other data filter with no option chosen
      When the administrator publishes the profile
      Then publishing is refused naming account
      And each error of the refusal states the limit it enforces

    Scenario Outline: the other data filter with <option> chosen publishes and downloads those records
      Given "ana" and "bob" are on the team "North"
      And in the profile account downloads through the other data filter
      And in the profile account downloads <option>
      And accounts "Mine" owned by "ana"
      And accounts "Bob's" owned by "bob"
      And accounts "Team deal" owned by "North"
      When the administrator publishes the profile
      Then the profile is published
      And after syncing "ana"'s device holds exactly the account records <held>

      Examples:
        | option                     | held                         |
        | my records                 | "Mine"                       |
        | my team's records          | "Team deal"                  |
        | my business unit's records | "Mine", "Bob's", "Team deal" |

    Example: my records downloads only what the user owns
      Given in the profile account downloads my records
      And accounts "Litware" owned by "ana"
      And accounts "Fabrikam" owned by "bob"
      When the administrator publishes the profile
      Then the profile is published without a warning naming account
      And after syncing "ana"'s device holds exactly the account records "Litware"

    Example: my team's records downloads what the user's teams own
      Given "ana" and "bob" are on the team "North"
      And in the profile account downloads my team's records
      And accounts "Team deal" owned by "North"
      And accounts "Fabrikam" owned by "bob"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Team deal"

    Example: a business-unit filter earns a warning
      Given in the profile account downloads my business unit's records
      And accounts "Fabrikam" owned by "bob"
      When the administrator publishes the profile
      Then the profile is published with a warning naming account
      And after syncing "ana"'s device holds exactly the account records "Fabrikam"

    Example: my business unit's records are those of the user's own unit and its teams, not of the units below
      Given the business units:
        | business unit | parent      |
        | North         | Head office |
        | Coast         | North       |
      And the users:
        | user | business unit | manager |
        | nora | North         |         |
        | cy   | Coast         |         |
      And the team "Head office sales" in "Head office" with "bob"
      And the team "North sales" in "North" with "nora"
      And in the profile account downloads my business unit's records
      And accounts "Ana's" owned by "ana"
      And accounts "Bob's" owned by "bob"
      And accounts "Head office deal" owned by "Head office sales"
      And accounts "Nora's" owned by "nora"
      And accounts "North deal" owned by "North sales"
      And accounts "Cy's" owned by "cy"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Ana's", "Bob's", "Head office deal"

    Scenario Outline: <first> and <second> together download the records of both
      Given the business units:
        | business unit | parent      |
        | South         | Head office |
      And the users:
        | user | business unit | manager |
        | sam  | South         |         |
      And "ana" and "bob" are on the team "North"
      And the team "South sales" in "South" with "ana" and "sam"
      And in the profile account downloads <first>
      And in the profile account downloads <second>
      And accounts "Mine" owned by "ana"
      And accounts "Bob's" owned by "bob"
      And accounts "Team deal" owned by "North"
      And accounts "South deal" owned by "South sales"
      And accounts "Sam's" owned by "sam"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records <held>

      Examples:
        | first                      | second                             | held                                       |
        | my records                 | my team's records                  | "Mine", "Team deal", "South deal"          |
        | my records                 | my business unit's records         | "Mine", "Bob's", "Team deal"               |
        | my team's records          | my business unit's records         | "Mine", "Bob's", "Team deal", "South deal" |
        | my records                 | records where name eq "Sam's"      | "Mine", "Sam's"                            |
        | my business unit's records | records where name eq "South deal" | "Mine", "Bob's", "Team deal", "South deal" |

    Example: a business-unit filter on small master data earns no warning
      Given in the profile product downloads my business unit's records
      And in the profile product is small master data
      When the administrator publishes the profile
      Then the profile is published without a warning naming product

  @needs:organization
  @claim:FLT-R4
  Rule: at most three custom data filters per entity, each well formed

    Example: three custom filters publish and all of them apply
      Given in the profile account downloads records where name begins-with "F"
      And in the profile account downloads records where address1_city eq "Oslo"
      And in the profile account downloads records where name ne "Fabrikam North"
      And an account "Fabrikam" in "Oslo" owned by "bob"
      And an account "Fabrikam North" in "Oslo" owned by "bob"
      And an account "Fourth Coffee" in "Bergen" owned by "bob"
      When the administrator publishes the profile
      Then the profile is published
      And after syncing "ana"'s device holds exactly the account records "Fabrikam"

    Example: a fourth custom filter is refused
      Given in the profile account downloads records where name begins-with "F"
      And in the profile account downloads records where address1_city eq "Oslo"
      And in the profile account downloads records where name ne "Fabrikam North"
      And in the profile account downloads records where name like "%a%"
      When the administrator publishes the profile
      Then publishing is refused naming account
      And the refusal gives the limit "3 custom filters per entity"

    Example: the limit holds per entity: three custom filters on each of two entities publish
      Given in the profile account has 3 custom data filters
      And in the profile contact has 3 custom data filters
      When the administrator publishes the profile
      Then the profile is published

    Scenario Outline: a custom filter where <condition> downloads <held>
      Given the business units:
        | business unit | parent      |
        | South         | Head office |
      And the users:
        | user | business unit | manager |
        | sam  | South         |         |
      And "ana" and "bob" are on the team "North"
      And the team "South sales" in "South" with "ana" and "sam"
      And the accounts with their city and revenue:
        | name     | city   | revenue | owner       |
        | Fabrikam | Oslo   | 250000  | ana         |
        | Contoso  | Bergen | 90000   | bob         |
        | Litware  | empty  | empty   | North       |
        | Adatum   | Oslo   | 120000  | sam         |
        | Tailspin | empty  | empty   | South sales |
      And in the profile account downloads records where <condition>
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records <held>

      Examples:
        | condition                  | held                                          |
        | name eq "Fabrikam"         | "Fabrikam"                                    |
        | name ne "Fabrikam"         | "Contoso", "Litware", "Adatum", "Tailspin"    |
        | name like "%o%"            | "Contoso"                                     |
        | name begins-with "Li"      | "Litware"                                     |
        | address1_city null         | "Litware", "Tailspin"                         |
        | address1_city not-null     | "Fabrikam", "Contoso", "Adatum"               |
        | revenue gt "100000"        | "Fabrikam", "Adatum"                          |
        | revenue le "90000"         | "Contoso"                                     |
        | ownerid eq "sam"           | "Adatum"                                      |
        | ownerid eq-userid          | "Fabrikam"                                    |
        | ownerid eq-userteams       | "Litware", "Tailspin"                         |
        | ownerid eq-businessid      | "Fabrikam", "Contoso", "Litware"              |

    Scenario Outline: a custom filter on a lookup, whose <column> <relation> a chosen record, downloads <held>
      Given accounts "Litware", "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      And a contact "Okafor" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And in the profile contact downloads records whose <column> <relation> the account "Litware"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records <held>

      Examples:
        | column           | relation | held     |
        | parentcustomerid | is       | "Reyes"  |
        | parentcustomerid | is not   | "Okafor" |

    Example: a custom filter with an unknown operator is refused
      Given in the profile account downloads records where name sounds-like "Fabrikam"
      When the administrator publishes the profile
      Then publishing is refused naming account

    Example: a custom filter on an unknown column is refused
      Given in the profile account downloads records where shoe_size eq "44"
      When the administrator publishes the profile
      Then publishing is refused naming account

  @needs:organization @needs:entities
  @claim:FLT-R4
  Rule: a custom filter tests any column against the user, her teams or her business unit

    Scenario Outline: a custom filter testing <column>, a column other than the owner, <operator> downloads <held>
      Given the business units:
        | business unit | parent      |
        | South         | Head office |
      And the users:
        | user | business unit | manager |
        | sam  | South         |         |
      And "ana" and "bob" are on the team "North"
      And the team "South sales" in "South" with "sam"
      And the administrator adds to account a lookup "new_managerid" to systemuser
      And the administrator adds to account a lookup "new_teamid" to team
      And an account "Fabrikam" owned by "sam" whose new_managerid is the systemuser "ana"
      And an account "Litware" owned by "sam" whose new_managerid is the systemuser "bob"
      And an account "Contoso" owned by "ana" whose new_managerid is the systemuser "sam"
      And an account "Adatum" owned by "sam" whose new_teamid is the team "North"
      And an account "Tailspin" owned by "ana" whose new_teamid is the team "South sales"
      And in the profile account downloads records where <column> <operator>
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records <held>

      Examples:
        | column        | operator      | held                  |
        | new_managerid | eq-userid     | "Fabrikam"            |
        | new_managerid | eq-businessid | "Fabrikam", "Litware" |
        | new_teamid    | eq-userteams  | "Adatum"              |

  @needs:organization @needs:schedule
  @claim:FLT-R4
  Rule: a custom filter counting days on a date column admits by that column, and its window moves with the clock

    Example: accounts contacted in the last 30 days come down, and one leaves once its date falls out of the window
      Given the administrator clears the org data filter of account
      And in the profile account downloads records where lastcontacted last-x-days "30"
      And an account "Called last week" owned by "bob" whose lastcontacted was 7 days ago
      And an account "Called three weeks ago" owned by "bob" whose lastcontacted was 21 days ago
      And an account "Called last year" owned by "bob" whose lastcontacted was 365 days ago
      And accounts "Never called" owned by "bob"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Called last week", "Called three weeks ago"
      When "ana" goes offline
      And 10 days pass
      And "ana" comes back online and syncs
      Then "ana"'s device holds exactly the accounts "Called last week"
