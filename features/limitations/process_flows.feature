@needs:process_flows @needs:forms
Feature: Business process flows are online only
  A business process flow walks a record through stages. Online, a form shows the record's stage, the
  user moves it on or back, branches pick the next stage from the record's values at the moment of the
  move, and the flow has its own view. Offline, none of that is there: no flow on the form, no flow
  view, no moving between stages, and no branch is evaluated: a save offline decides nothing about the
  stage that comes next.

  The opportunity flow here: Qualify, then Executive review when the estimated value is over 10,000,
  else straight to Develop; then Develop, Propose and Close.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And the opportunity records follow the process flow "Opportunity sales process"
    And a opportunity record "Pump upgrade" on the server owned by "ana" with:
      | estimated value | 5000 |
    And "ana" has synced her device

  @needs:views
  @claim:LIM-BPF1
  Rule: Offline, no flow is rendered and the flow's view is gone

    Scenario: Online, the form shows the stage and the flow's view lists the record
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Qualify"
      And "ana" can pick the view "Opportunity sales process" of opportunity
      And in the view "Opportunity sales process" of opportunity, "Pump upgrade" shows "Qualify" to "ana"

    Scenario: Offline, the form shows no flow; back online it shows the stage again
      When "ana" goes offline
      Then the form of the opportunity "Pump upgrade" for "ana" shows no process flow
      When "ana" goes back online
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Qualify"

    Scenario: Offline, neither a new record's form nor a record made offline shows a flow
      When "ana" goes offline
      And "ana" creates a opportunity "Second pump"
      Then the form of a new opportunity for "ana" shows no process flow
      And the form of the opportunity "Second pump" for "ana" shows no process flow

    Scenario: Offline, the flow's view is not listed and does not open
      Given "ana" can pick the view "Opportunity sales process" of opportunity
      When "ana" goes offline
      Then "ana" cannot pick the view "Opportunity sales process" of opportunity
      When "ana" opens the view "Opportunity sales process" of opportunity
      Then it is refused saying "Opportunity sales process"
      And the refusal concerns opportunity
      And the refusal states its limit

  @claim:LIM-BPF2
  Rule: Moving between stages needs a connection

    Scenario: Online, the user moves the flow on and back
      When "ana" moves the opportunity "Pump upgrade" to the next stage
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Develop"
      When "ana" moves the opportunity "Pump upgrade" to the previous stage
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Qualify"

    Scenario Outline: Offline, moving to the <direction> stage of a flow loaded online is refused
      Given "ana" has moved the opportunity "Pump upgrade" to the next stage
      And "ana" has synced her device and gone offline
      When "ana" moves the opportunity "Pump upgrade" to the <direction> stage
      Then it is refused naming opportunity
      And nothing waits to sync on "ana"'s device
      And "ana"'s device still holds the opportunity "Pump upgrade" as the server does
      When "ana" goes back online
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Develop"
      When "ana" comes back online and syncs
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Develop"
      And "ana"'s device still holds the opportunity "Pump upgrade" as the server does

      Examples:
        | direction |
        | next      |
        | previous  |

  @claim:LIM-BPF3
  Rule: Branch conditions are evaluated online only

    Scenario: Online, a big deal branches to the executive review
      When "ana" saves the opportunity "Pump upgrade" with:
        | estimated value | 50000 |
      And "ana" moves the opportunity "Pump upgrade" to the next stage
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Executive review"

    Scenario: Online, a small deal skips the executive review
      When "ana" moves the opportunity "Pump upgrade" to the next stage
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "Develop"

    Scenario Outline: Offline, a save decides no branch: online, the move follows the value of the moment (<value>)
      Given "ana" has synced her device and gone offline
      When "ana" saves the opportunity "Pump upgrade" with:
        | estimated value | 50000 |
      Then the command succeeds on the device
      And the one change waiting on "ana"'s device sets only the estimated value
      When "ana" comes back online and syncs
      Then on the server the opportunity "Pump upgrade" has the estimated value "50000"
      And the form of the opportunity "Pump upgrade" for "ana" shows the stage "Qualify"
      When the administrator saves the opportunity "Pump upgrade" with:
        | estimated value | <value> |
      And "ana" moves the opportunity "Pump upgrade" to the next stage
      Then the form of the opportunity "Pump upgrade" for "ana" shows the stage "<next stage>"

      Examples:
        | value | next stage       |
        | 50000 | Executive review |
        | 5000  | Develop          |
