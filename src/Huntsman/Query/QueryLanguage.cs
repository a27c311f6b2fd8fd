namespace Huntsman.Query;

public enum QueryLanguage { Auto, Kql, Spl, Sql }
