@needs:process_flows @needs:forms
@claim:LIM-LQ
Feature: A lead qualified offline stays at the qualify stage
  Qualifying a lead online also moves its process flow past the qualify stage. A lead created and
  qualified offline is different: after it syncs, its flow still shows the qualify stage, and it
  moves on only when the user moves it, online.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And the lead records follow the process flow "Lead to opportunity"
    And "ana" has synced her device

  Scenario: Qualified online, a lead's flow moves on by itself
    Given a lead record "Contoso deal" on the server owned by "ana"
    When "ana" runs qualify on the lead "Contoso deal"
    Then the command succeeds on the device
    And the form of the lead "Contoso deal" for "ana" shows the stage "Develop"

  Scenario: Created and qualified offline, a lead still shows the qualify stage after sync
    When "ana" goes offline
    And "ana" creates a lead "Contoso deal"
    And "ana" runs qualify on the lead "Contoso deal"
    Then the lead "Contoso deal" on "ana"'s device is qualified
    When "ana" comes back online and syncs
    Then the lead "Contoso deal" on "ana"'s device is qualified
    And the server shows the effect of qualify on the lead "Contoso deal"
    And the form of the lead "Contoso deal" for "ana" shows the stage "Qualify"
    When "ana" comes back online and syncs
    Then the form of the lead "Contoso deal" for "ana" shows the stage "Qualify"

  @claim:LIM-BPF2
  Scenario: Only the user, online, moves the offline-qualified lead on
    When "ana" goes offline
    And "ana" creates a lead "Contoso deal"
    And "ana" runs qualify on the lead "Contoso deal"
    And "ana" moves the lead "Contoso deal" to the next stage
    Then it is refused naming lead
    When "ana" comes back online and syncs
    And "ana" moves the lead "Contoso deal" to the next stage
    Then the form of the lead "Contoso deal" for "ana" shows the stage "Develop"
