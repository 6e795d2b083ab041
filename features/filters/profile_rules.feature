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

    Example: an entity with a rule gets no such warning
      Given in the profile contact downloads my records
      When the administrator publishes the profile
      Then the profile is published without a warning naming contact

  @claim:FLT-R1
  Rule: "all records" stands alone

    Example: all records downloads every readable record, whoever owns it
      Given in the profile account downloads all records
      And accounts "Fabrikam", "Contoso" owned by "bob"
      And accounts "Litware" owned by "ana"
      When the administrator publishes the profile
      Then the profile is published
      And after syncing "ana"'s device holds exactly the account records "Fabrikam", "Contoso", "Litware"

    Example: all records together with another rule is refused
      Given in the profile account downloads all records
      And in the profile account downloads my records
      When the administrator publishes the profile
      Then publishing is refused naming account

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

    Example: related data only together with another rule is refused
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile contact downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then publishing is refused naming contact

    Example: related data only without an association bringing the entity is refused
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      When the administrator publishes the profile
      Then publishing is refused naming contact

  @needs:organization
  @claim:FLT-R3
  Rule: the other data filter needs my, my team's or my business unit's records

    Example: the other data filter with nothing chosen is refused
      Given in the profile account downloads through the other data filter with no option chosen
      When the administrator publishes the profile
      Then publishing is refused naming account

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

    Example: a business-unit filter on small master data earns no warning
      Given in the profile product downloads my business unit's records
      And in the profile product is small master data
      When the administrator publishes the profile
      Then the profile is published without a warning naming product

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

    Example: a custom filter with an unknown operator is refused
      Given in the profile account downloads records where name sounds-like "Fabrikam"
      When the administrator publishes the profile
      Then publishing is refused naming account

    Example: a custom filter on an unknown column is refused
      Given in the profile account downloads records where shoe_size eq "44"
      When the administrator publishes the profile
      Then publishing is refused naming account
