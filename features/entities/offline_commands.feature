@needs:entities
Feature: Entities and the commands they offer offline
  Offline, the app works on a fixed list of entities and, on each, only on the commands the page's
  table gives it. Whatever the table allows works on the device with no server and reaches the
  server at the next sync. Whatever it does not allow is refused on the device with an error that
  names the entity and the command; nothing is put in the queue for the server, and the record stays as
  it was on the device, on the server, and on the device again after the next sync.

  Background:
    Given an organization where "ana" is a salesperson
    And the custom entity "new_inspection" exists
    And the custom entity "cr4f2_site" exists, owned by the organization
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile

  @claim:ENT-12
  Scenario: Online, the command bar of an email offers every command; offline, reading only
    Given a email record "subject" on the server owned by "ana"
    And "ana" has synced her device
    Then the command bar of the email "subject" for "ana" shows "update"
    And the command bar of the email "subject" for "ana" shows "delete"
    When "ana" goes offline
    Then the command bar of the email "subject" for "ana" does not show "update"
    But the command bar of the email "subject" for "ana" shows "read"

  @claim:ENT-01
  Scenario: Before its first sync a device knows no entity: offline, a create is refused and nothing waits; after the sync it works
    Given "ana" goes offline
    When "ana" runs create on the account "new"
    Then it is refused naming account
    And nothing waits to sync on "ana"'s device
    When "ana" comes back online and syncs
    And "ana" goes offline
    And "ana" runs create on the account "new"
    Then the command succeeds on the device
    And 1 change waits to sync on "ana"'s device

  Scenario Outline: A command the table allows works offline and reaches the server at the next sync
    Given a <entity> record "subject" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs <command> on the <entity> "subject"
    Then the command succeeds on the device
    And "ana"'s device shows the effect of <command> on the <entity> "subject"
    When "ana" comes back online and syncs
    Then nothing waits to sync on "ana"'s device
    And the server shows the effect of <command> on the <entity> "subject"
    And "ana"'s device shows the effect of <command> on the <entity> "subject"

    @claim:ENT-01
    Examples: Account
      | entity  | command |
      | account | create  |
      | account | read    |
      | account | update  |
      | account | delete  |

    @claim:ENT-02
    Examples: Activity Pointer
      | entity          | command |
      | activitypointer | read    |
      | activitypointer | delete  |

    @claim:ENT-03
    Examples: Appointment
      | entity      | command                  |
      | appointment | create                   |
      | appointment | read                     |
      | appointment | update                   |
      | appointment | delete                   |
      | appointment | convert_activity_to_case |

    @claim:ENT-04
    Examples: Attachment
      | entity                 | command |
      | activitymimeattachment | read    |

    @claim:ENT-05
    Examples: Case
      | entity   | command |
      | incident | create  |
      | incident | read    |
      | incident | update  |
      | incident | delete  |

    @claim:ENT-06
    Examples: Competitor
      | entity     | command |
      | competitor | create  |
      | competitor | read    |
      | competitor | update  |
      | competitor | delete  |

    @claim:ENT-07
    Examples: Competitor Address
      | entity            | command |
      | competitoraddress | create  |
      | competitoraddress | read    |
      | competitoraddress | update  |
      | competitoraddress | delete  |

    @claim:ENT-08
    Examples: Connection
      | entity     | command |
      | connection | read    |

    @claim:ENT-09
    Examples: Connection Role
      | entity         | command |
      | connectionrole | read    |

    @claim:ENT-10
    Examples: Contact
      | entity  | command |
      | contact | create  |
      | contact | read    |
      | contact | update  |
      | contact | delete  |

    @claim:ENT-11
    Examples: Custom entities, user-owned and organization-owned
      | entity         | command |
      | new_inspection | create  |
      | new_inspection | read    |
      | new_inspection | update  |
      | new_inspection | delete  |
      | cr4f2_site     | create  |
      | cr4f2_site     | read    |
      | cr4f2_site     | update  |
      | cr4f2_site     | delete  |

    @claim:ENT-12
    Examples: Email
      | entity | command |
      | email  | read    |

    @claim:ENT-13
    Examples: Lead
      | entity | command    |
      | lead   | create     |
      | lead   | read       |
      | lead   | update     |
      | lead   | delete     |
      | lead   | qualify    |
      | lead   | disqualify |

    @claim:ENT-14
    Examples: Opportunity
      | entity      | command |
      | opportunity | create  |
      | opportunity | read    |
      | opportunity | update  |
      | opportunity | delete  |

    @claim:ENT-15
    Examples: Opportunity Product
      | entity             | command |
      | opportunityproduct | create  |
      | opportunityproduct | read    |
      | opportunityproduct | update  |
      | opportunityproduct | delete  |

    @claim:ENT-16
    Examples: Phone Call
      | entity    | command |
      | phonecall | create  |
      | phonecall | read    |
      | phonecall | update  |
      | phonecall | delete  |

    @claim:ENT-17
    Examples: Position
      | entity   | command |
      | position | create  |
      | position | read    |
      | position | update  |
      | position | delete  |

    @claim:ENT-18
    Examples: Product
      | entity  | command |
      | product | read    |

    @claim:ENT-19
    Examples: Task
      | entity | command |
      | task   | create  |
      | task   | read    |
      | task   | update  |
      | task   | delete  |

    @claim:ENT-20
    Examples: Team
      | entity | command |
      | team   | read    |

    @claim:ENT-21
    Examples: User
      | entity     | command |
      | systemuser | read    |


  Scenario Outline: A command the table does not allow is refused offline and changes nothing, then or later
    Given a <entity> record "subject" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs <command> on the <entity> "subject"
    Then the command is refused naming <entity> and <command>
    And the refusal names the commands the table allows on <entity> offline
    And nothing waits to sync on "ana"'s device
    And "ana"'s device still holds the <entity> "subject" as the server does
    When "ana" comes back online and syncs
    Then the server still holds the <entity> "subject" as it was made
    And "ana"'s device still holds the <entity> "subject" as the server does

    @claim:ENT-01
    Examples: Account
      | entity  | command                  |
      | account | convert_activity_to_case |
      | account | qualify                  |
      | account | disqualify               |
      | account | mark_complete            |
      | account | refresh                  |
      | account | convert_to_opportunity   |
      | account | assign                   |
      | account | share                    |
      | account | merge                    |
      | account | deactivate               |

    @claim:ENT-02
    Examples: Activity Pointer
      | entity          | command                  |
      | activitypointer | create                   |
      | activitypointer | update                   |
      | activitypointer | convert_activity_to_case |
      | activitypointer | qualify                  |
      | activitypointer | disqualify               |
      | activitypointer | mark_complete            |
      | activitypointer | refresh                  |
      | activitypointer | convert_to_opportunity   |
      | activitypointer | assign                   |
      | activitypointer | share                    |
      | activitypointer | merge                    |
      | activitypointer | deactivate               |

    @claim:ENT-03
    Examples: Appointment
      | entity      | command                |
      | appointment | qualify                |
      | appointment | disqualify             |
      | appointment | mark_complete          |
      | appointment | refresh                |
      | appointment | convert_to_opportunity |
      | appointment | assign                 |
      | appointment | share                  |
      | appointment | merge                  |
      | appointment | deactivate             |

    @claim:ENT-04
    Examples: Attachment
      | entity                 | command                  |
      | activitymimeattachment | create                   |
      | activitymimeattachment | update                   |
      | activitymimeattachment | delete                   |
      | activitymimeattachment | convert_activity_to_case |
      | activitymimeattachment | qualify                  |
      | activitymimeattachment | disqualify               |
      | activitymimeattachment | mark_complete            |
      | activitymimeattachment | refresh                  |
      | activitymimeattachment | convert_to_opportunity   |
      | activitymimeattachment | assign                   |
      | activitymimeattachment | share                    |
      | activitymimeattachment | merge                    |
      | activitymimeattachment | deactivate               |

    @claim:ENT-05
    Examples: Case
      | entity   | command                  |
      | incident | convert_activity_to_case |
      | incident | qualify                  |
      | incident | disqualify               |
      | incident | mark_complete            |
      | incident | refresh                  |
      | incident | convert_to_opportunity   |
      | incident | assign                   |
      | incident | share                    |
      | incident | merge                    |
      | incident | deactivate               |

    @claim:ENT-06
    Examples: Competitor
      | entity     | command                  |
      | competitor | convert_activity_to_case |
      | competitor | qualify                  |
      | competitor | disqualify               |
      | competitor | mark_complete            |
      | competitor | refresh                  |
      | competitor | convert_to_opportunity   |
      | competitor | assign                   |
      | competitor | share                    |
      | competitor | merge                    |
      | competitor | deactivate               |

    @claim:ENT-07
    Examples: Competitor Address
      | entity            | command                  |
      | competitoraddress | convert_activity_to_case |
      | competitoraddress | qualify                  |
      | competitoraddress | disqualify               |
      | competitoraddress | mark_complete            |
      | competitoraddress | refresh                  |
      | competitoraddress | convert_to_opportunity   |
      | competitoraddress | assign                   |
      | competitoraddress | share                    |
      | competitoraddress | merge                    |
      | competitoraddress | deactivate               |

    @claim:ENT-08
    Examples: Connection
      | entity     | command                  |
      | connection | create                   |
      | connection | update                   |
      | connection | delete                   |
      | connection | convert_activity_to_case |
      | connection | qualify                  |
      | connection | disqualify               |
      | connection | mark_complete            |
      | connection | refresh                  |
      | connection | convert_to_opportunity   |
      | connection | assign                   |
      | connection | share                    |
      | connection | merge                    |
      | connection | deactivate               |

    @claim:ENT-09
    Examples: Connection Role
      | entity         | command                  |
      | connectionrole | create                   |
      | connectionrole | update                   |
      | connectionrole | delete                   |
      | connectionrole | convert_activity_to_case |
      | connectionrole | qualify                  |
      | connectionrole | disqualify               |
      | connectionrole | mark_complete            |
      | connectionrole | refresh                  |
      | connectionrole | convert_to_opportunity   |
      | connectionrole | assign                   |
      | connectionrole | share                    |
      | connectionrole | merge                    |
      | connectionrole | deactivate               |

    @claim:ENT-10
    Examples: Contact
      | entity  | command                  |
      | contact | convert_activity_to_case |
      | contact | qualify                  |
      | contact | disqualify               |
      | contact | mark_complete            |
      | contact | refresh                  |
      | contact | convert_to_opportunity   |
      | contact | assign                   |
      | contact | share                    |
      | contact | merge                    |
      | contact | deactivate               |

    @claim:ENT-11
    Examples: Custom entities, user-owned and organization-owned
      | entity         | command                  |
      | new_inspection | convert_activity_to_case |
      | new_inspection | qualify                  |
      | new_inspection | disqualify               |
      | new_inspection | assign                   |
      | new_inspection | share                    |
      | new_inspection | merge                    |
      | new_inspection | deactivate               |
      | cr4f2_site     | convert_activity_to_case |
      | cr4f2_site     | qualify                  |
      | cr4f2_site     | assign                   |
      | cr4f2_site     | merge                    |

    @claim:ENT-12
    Examples: Email
      | entity | command                  |
      | email  | create                   |
      | email  | update                   |
      | email  | delete                   |
      | email  | convert_activity_to_case |
      | email  | qualify                  |
      | email  | disqualify               |
      | email  | mark_complete            |
      | email  | refresh                  |
      | email  | convert_to_opportunity   |
      | email  | assign                   |
      | email  | share                    |
      | email  | merge                    |
      | email  | deactivate               |

    @claim:ENT-13
    Examples: Lead
      | entity | command                  |
      | lead   | convert_activity_to_case |
      | lead   | mark_complete            |
      | lead   | refresh                  |
      | lead   | convert_to_opportunity   |
      | lead   | assign                   |
      | lead   | share                    |
      | lead   | merge                    |
      | lead   | deactivate               |

    @claim:ENT-14
    Examples: Opportunity
      | entity      | command                  |
      | opportunity | convert_activity_to_case |
      | opportunity | qualify                  |
      | opportunity | disqualify               |
      | opportunity | mark_complete            |
      | opportunity | refresh                  |
      | opportunity | convert_to_opportunity   |
      | opportunity | assign                   |
      | opportunity | share                    |
      | opportunity | merge                    |
      | opportunity | deactivate               |

    @claim:ENT-15
    Examples: Opportunity Product
      | entity             | command                  |
      | opportunityproduct | convert_activity_to_case |
      | opportunityproduct | qualify                  |
      | opportunityproduct | disqualify               |
      | opportunityproduct | mark_complete            |
      | opportunityproduct | refresh                  |
      | opportunityproduct | convert_to_opportunity   |
      | opportunityproduct | assign                   |
      | opportunityproduct | share                    |
      | opportunityproduct | merge                    |
      | opportunityproduct | deactivate               |

    @claim:ENT-16
    Examples: Phone Call
      | entity    | command                  |
      | phonecall | convert_activity_to_case |
      | phonecall | qualify                  |
      | phonecall | disqualify               |
      | phonecall | mark_complete            |
      | phonecall | refresh                  |
      | phonecall | convert_to_opportunity   |
      | phonecall | assign                   |
      | phonecall | share                    |
      | phonecall | merge                    |
      | phonecall | deactivate               |

    @claim:ENT-17
    Examples: Position
      | entity   | command                  |
      | position | convert_activity_to_case |
      | position | qualify                  |
      | position | disqualify               |
      | position | mark_complete            |
      | position | refresh                  |
      | position | convert_to_opportunity   |
      | position | assign                   |
      | position | share                    |
      | position | merge                    |
      | position | deactivate               |

    @claim:ENT-18
    Examples: Product
      | entity  | command                  |
      | product | create                   |
      | product | update                   |
      | product | delete                   |
      | product | convert_activity_to_case |
      | product | qualify                  |
      | product | disqualify               |
      | product | mark_complete            |
      | product | refresh                  |
      | product | convert_to_opportunity   |
      | product | assign                   |
      | product | share                    |
      | product | merge                    |
      | product | deactivate               |

    @claim:ENT-19
    Examples: Task
      | entity | command                  |
      | task   | convert_activity_to_case |
      | task   | qualify                  |
      | task   | disqualify               |
      | task   | mark_complete            |
      | task   | refresh                  |
      | task   | convert_to_opportunity   |
      | task   | assign                   |
      | task   | share                    |
      | task   | merge                    |
      | task   | deactivate               |

    @claim:ENT-20
    Examples: Team
      | entity | command                  |
      | team   | create                   |
      | team   | update                   |
      | team   | delete                   |
      | team   | convert_activity_to_case |
      | team   | qualify                  |
      | team   | disqualify               |
      | team   | mark_complete            |
      | team   | refresh                  |
      | team   | convert_to_opportunity   |
      | team   | assign                   |
      | team   | share                    |
      | team   | merge                    |
      | team   | deactivate               |

    @claim:ENT-21
    Examples: User
      | entity     | command                  |
      | systemuser | create                   |
      | systemuser | update                   |
      | systemuser | delete                   |
      | systemuser | convert_activity_to_case |
      | systemuser | qualify                  |
      | systemuser | disqualify               |
      | systemuser | mark_complete            |
      | systemuser | refresh                  |
      | systemuser | convert_to_opportunity   |
      | systemuser | assign                   |
      | systemuser | share                    |
      | systemuser | merge                    |
      | systemuser | deactivate               |

  @needs:schedule
  Rule: A record made or changed on the device or online carries who made it and when

    @claim:ENT-01
    Scenario: Offline, an account made or changed on the device carries who made it and when
      Given a account record "subject" on the server owned by "ana"
      And "ana" has synced her device and gone offline
      And 10 minutes pass
      When "ana" runs update on the account "subject"
      Then "ana"'s device shows the account "subject" changed now
      When "ana" runs create on the account "new"
      Then "ana"'s device shows the new account made by "ana" now

    @claim:ENT-01
    Scenario: Online, an account she makes is hers on the server and carries when it was made
      Given "ana" has synced her device
      And 10 minutes pass
      When "ana" runs create on the account "new"
      Then the server shows the new account made by "ana" now

  @needs:forms
  Rule: Offline, a form opens only for an entity in her profile

    @claim:ENT-10
    Scenario: Offline, a contact form does not open when contact is not in her profile; online it does
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
      And "ana" has synced her device and gone offline
      When "ana" opens a new contact form
      Then it is refused naming contact
      When "ana" goes back online
      And "ana" opens a new contact form
      Then the contact form opens
