namespace Huntsman.Sigma;

/// <summary>Sigma rule levels in increasing severity; Unknown sorts lowest.</summary>
public enum RuleLevel { Unknown, Informational, Low, Medium, High, Critical }
