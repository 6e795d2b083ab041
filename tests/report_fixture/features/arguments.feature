@fixture
Feature: Step arguments, rules and Examples

  Rule: A command the table allows is accepted offline

    Scenario Outline: A lead command offline
      When "ana" runs <command> on a lead
      Then the command is <outcome>

      @claim:ENT-13
      Examples: Lead
        | command | outcome  |
        | qualify | accepted |
        | create  | accepted |

      @claim:ENT-12 @beyond-page
      Examples: Email
        | command | outcome  |
        | update  | refused  |

  @claim:FLT-R4
  Rule: At most three custom data filters per entity

    Scenario: Publishing names the limit
      Given a profile with these custom filters:
        | entity      | filters |
        | opportunity | 4       |
      Then publishing is refused saying:
        """text
        at most 3 custom data filters
        """
