using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Media;
using Tessera.Studio.Auth;
using Tessera.Studio.Hosting;
using Tessera.Studio.Jobs;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera keys create|list|revoke</c>: API keys of the studio, stored hashed in its job store.</summary>
public static class KeysVerb
{
    public static Command Create()
    {
        var command = new Command("keys", VerbAction.Describe(
            "Create, list and revoke API keys (the secret is shown once; only its hash is stored)",
            "tessera keys create --name alice --quota 600 --tier paid",
            "tessera keys list",
            "tessera keys revoke alice"));
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RevokeCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        var name = new Option<string>("--name") { Description = "Who the key is for (unique)", Required = true };
        var quota = new Option<double?>("--quota") { Description = "Seconds of generated video per day (UTC); unlimited when omitted" };
        var tier = new Option<string>("--tier") { Description = "free or paid: paid jobs run first (free ones are never starved)", DefaultValueFactory = _ => "free" };
        tier.AcceptOnlyFromAmong("free", "paid");
        var store = new StoreOptions();
        var command = new Command("create", VerbAction.Describe("Create a key and print its secret once",
            "tessera keys create --name alice --quota 600"));
        command.Options.Add(name);
        command.Options.Add(quota);
        command.Options.Add(tier);
        store.AddTo(command);
        VerbAction.Set(command, parse =>
        {
            var n = parse.GetValue(name)!.Trim();
            if (n.Length is 0 or > 100 || n.Any(char.IsControl)) throw new TesseraError("--name must be 1-100 printable characters");
            var q = parse.GetValue(quota);
            if (q is { } v && !(v > 0 && v <= 86_400 * 1000)) throw new TesseraError($"--quota must be a positive number of seconds, got {v}");
            using var s = Open(parse, store);
            if (s.ListKeysAsync().GetAwaiter().GetResult().Any(k => k.Name == n))
                throw new TesseraError($"a key named '{n}' already exists; pick another --name or revoke it first");
            var (record, secret) = ApiKeys.Create(n, q, parse.GetValue(tier) == "paid" ? 1 : 0);
            s.CreateKeyAsync(record).GetAwaiter().GetResult();
            Console.WriteLine(secret);
            Console.Error.WriteLine($"created key {record.Id} '{n}' ({parse.GetValue(tier)}, quota {(q is { } x ? x.ToString(CultureInfo.InvariantCulture) + " s/day" : "unlimited")}); " +
                "the secret above is shown only now — send it as 'Authorization: Bearer SECRET'");
            return 0;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var store = new StoreOptions();
        var command = new Command("list", "List keys (never their secrets)");
        store.AddTo(command);
        VerbAction.Set(command, parse =>
        {
            using var s = Open(parse, store);
            var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
            var table = new Table().AddColumns("id", "name", "tier", "quota s/day", "used today", "created", "state");
            foreach (var k in s.ListKeysAsync().GetAwaiter().GetResult())
                table.AddRow(k.Id, Markup.Escape(k.Name), k.Priority > 0 ? "paid" : "free",
                    k.QuotaSeconds?.ToString(CultureInfo.InvariantCulture) ?? "unlimited",
                    s.UsedSecondsAsync(k.Id, today).GetAwaiter().GetResult().ToString("0.##", CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeMilliseconds(k.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    k.RevokedAt is null ? "active" : "revoked");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command RevokeCommand()
    {
        var key = new Argument<string>("key") { Description = "The key's id or name" };
        var store = new StoreOptions();
        var command = new Command("revoke", "Revoke a key: it stops working within 5 seconds");
        command.Arguments.Add(key);
        store.AddTo(command);
        VerbAction.Set(command, parse =>
        {
            using var s = Open(parse, store);
            var k = parse.GetValue(key)!;
            if (!s.RevokeKeyAsync(k).GetAwaiter().GetResult())
                throw new TesseraError($"no active key with id or name '{k}'; see: tessera keys list");
            Console.WriteLine($"revoked {k}");
            return 0;
        });
        return command;
    }

    private static IJobStore Open(ParseResult parse, StoreOptions store)
    {
        var data = JobStoreFactory.PrepareDataDir(parse.GetValue(store.Data)!);
        var s = JobStoreFactory.Open(parse.GetValue(store.Db)!, parse.GetValue(store.Connection), data);
        s.InitializeAsync().GetAwaiter().GetResult();
        return s;
    }
}
